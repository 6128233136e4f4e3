"""The actor network (generator/render/network.py) from real records: the fixture
briefing, and a generated one of 2,000 actors for the page's limits."""

from __future__ import annotations

import random

from briefing_project import load_fixture
from generator.render import network
from generator.models import Actor, Event


def fixture_net():
    b = load_fixture()
    return network.build(b.actors, b.timeline, [(p.actor, p.issue, p.stance) for p in b.positions])


def tie(net, a, b):
    a, b = sorted((a, b))
    return next(t for t in net.listed if (t.a, t.b) == (a, b))


def test_shared_events_and_stances_tie_actors():
    net = fixture_net()
    together = tie(net, "hillary-clinton", "william-hague")
    assert together.events == 1 and together.agree == ("sanctions",) and together.oppose == ()
    assert together.sample == ("friends-of-syria-paris",) and together.kind == "with"
    against = tie(net, "gennady-gatilov", "hillary-clinton")  # rejects vs demands sanctions
    assert (against.events, against.agree, against.oppose, against.kind) == (0, (), ("sanctions",), "against")
    assert against.weight == 1 and together.weight == 2
    # warns and neutral take no side: Russia (warns) and Kofi Annan (supports) are tied by an event only
    assert tie(net, "kofi-annan", "russia").agree == ()


def test_strongest_first_and_every_node_inside_the_box():
    net = fixture_net()
    weights = [t.weight for t in net.listed]
    assert weights == sorted(weights, reverse=True)
    assert net.listed[0].weight == 2
    ids = {n.id for n in net.nodes}
    assert "hostile-actor" not in ids  # no tie: not drawn
    assert all((t.a in ids and t.b in ids) for t in net.drawn)
    for n in net.nodes:
        assert network.MARGIN <= n.x <= net.width - network.MARGIN + 0.1
        assert network.MARGIN <= n.y <= net.height - network.MARGIN + 0.1
    assert fixture_net() == net  # the same records, the same picture


def test_an_actor_on_both_sides_of_an_issue_is_left_out_of_it():
    actors = [Actor(id=i, name=i) for i in ("a", "b", "c")]
    net = network.build(actors, [], [("a", "x", "supports"), ("a", "x", "opposes"),
                                     ("b", "x", "supports"), ("c", "x", "rejects")])
    assert [(t.a, t.b, t.oppose) for t in net.listed] == [("b", "c", ("x",))]


def test_two_thousand_actors_are_drawn_as_the_strongest_few():
    rng = random.Random(20)
    actors = [Actor(id=f"a{i}", name=f"Actor {i}") for i in range(2000)]
    events = [Event(id=f"e{i}", date="2012-07-06", title=f"event {i}",
                    actors=rng.sample([a.id for a in actors[:300]] if i % 2 else [a.id for a in actors], 4))
              for i in range(3000)]
    stances = [(f"a{rng.randrange(2000)}", f"issue{rng.randrange(13)}", rng.choice(list(network.SIDE)))
               for _ in range(4000)]
    net = network.build(actors, events, stances)
    assert len(net.nodes) == network.DRAWN_NODES
    assert len(net.drawn) == network.DRAWN_TIES
    assert len(net.listed) == network.LISTED_TIES
    assert net.actors > 1500 and net.ties > 10_000
    drawn = {n.id for n in net.nodes}
    # the drawn actors are the most connected: all from the busy 300
    assert all(int(a[1:]) < 300 for a in drawn)
    # and none floats alone: each has its strongest tie to another drawn actor drawn
    assert {end for t in net.drawn for end in (t.a, t.b)} == drawn
