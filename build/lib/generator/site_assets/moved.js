/* Old deep links land on the item's new page.
 *
 * Why: readers bookmarked timeline.html#<event>, positions.html#<position> and
 * actors/<id>.html#<position> before those pages were split into year, month,
 * issue and letter pages; such a link would open the top of the old page.
 * `briefing render` writes, for each page items moved off, a map
 * moved/<page>.json: {"to": {"<new page>.html[#<anchor>]": ["<old anchor>", ...]}}
 * (URLs from the site's root; without "#" the anchor is kept), or for a big
 * map {"shards": K} and the anchor's part in moved/<page>.<k>.json.
 *
 * Lean: nothing happens unless the location hash names no element of the
 * page, and only then is this page's map fetched (no page embeds it). A hash
 * still on the page is left alone. Plain script, no library, no network
 * beyond the site itself; works with Material's instant navigation off (how
 * mkdocs.yml runs: every page is a full load and runs this script) and on a
 * later hash change. Opened from disk (file://) fetch is refused: the link
 * then opens the top of the page, as before.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch || !window.URL) return;
  var root = new URL("..", script.src); // this file is <root>/assets/moved.js
  // the only pages that can have a map (generator/render.py moved_maps)
  var MAPPED = /^(timeline|positions)(\/[^\/]+)?$|^actors\/[^\/]+$/;

  function pageOf(url) {
    // "timeline", "actors/russia", ... : the page's path from the root, no extension
    if (url.origin !== root.origin || url.pathname.indexOf(root.pathname) !== 0) return null;
    var path = url.pathname.slice(root.pathname.length);
    if (path === "" || path.slice(-1) === "/") path += "index.html";
    return /\.html$/.test(path) ? path.slice(0, -5) : null;
  }

  function get(path) {
    return fetch(new URL(path, root).href).then(function (r) { return r.ok ? r.json() : null; });
  }

  function shard(anchor, shards) {
    // the CRC-32 of the anchor's UTF-8 bytes, as generator/render.py moved_shard (zlib.crc32)
    var bytes = new TextEncoder().encode(anchor), table = [], crc = 0xffffffff, c, n, k;
    for (n = 0; n < 256; n++) {
      for (c = n, k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
    for (n = 0; n < bytes.length; n++) crc = table[(crc ^ bytes[n]) & 0xff] ^ (crc >>> 8);
    return ((crc ^ 0xffffffff) >>> 0) % shards;
  }

  function follow() {
    var raw = location.hash.slice(1);
    if (!raw) return;
    var anchor;
    try { anchor = decodeURIComponent(raw); } catch (e) { return; }
    if (document.getElementById(anchor)) return; // still on this page: leave it alone
    var page = pageOf(new URL(location.href));
    if (page === null || !MAPPED.test(page)) return;
    get("moved/" + page + ".json")
      .then(function (map) {
        // a big map is split: {"shards": K}, the anchor's part in moved/<page>.<k>.json
        return map && map.shards ? get("moved/" + page + "." + shard(anchor, map.shards) + ".json") : map;
      })
      .then(function (map) {
        var to = map && map.to;
        if (!to || location.hash.slice(1) !== raw) return; // no map, or the reader moved on
        for (var target in to) {
          if (Object.prototype.hasOwnProperty.call(to, target) && to[target].indexOf(anchor) >= 0) {
            var url = new URL(target.indexOf("#") < 0 ? target + "#" + raw : target, root);
            location.replace(url.href);
            return;
          }
        }
      })
      .catch(function () { /* no map (a page nothing moved off) or offline: stay */ });
  }

  follow();
  window.addEventListener("hashchange", follow);
})();
