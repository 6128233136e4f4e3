"""docs/ -> site/: the static site builder, and the plugin that runs inside it.

Two halves of one room, talking through a plan file and a page index
(:mod:`.env` names them):

* in ``briefing build``'s process: :mod:`.builder` runs ``mkdocs build
  --strict`` into a fresh folder and :mod:`.folder` swaps it in; :mod:`.stamp`
  says whether a build can be skipped; :mod:`.manifest` plans an incremental
  build; :mod:`.digests` hashes the input files all three read.
* in the mkdocs process: :mod:`.plugin` is the ``briefing`` MkDocs plugin
  (``plugins: [briefing]`` in mkdocs.yml); it adds hand-written pages to the
  navigation (:mod:`.nav`), checks links written as raw HTML (:mod:`.links`),
  follows an incremental plan (:mod:`.incremental`) and keeps pages on disk
  between mkdocs' two passes (:mod:`.spill`).

The builder imports the plugin's half only for :mod:`.nav` (zensical runs no
plugins, so the builder applies the navigation itself); the plugin never
imports the builder's half.
"""
