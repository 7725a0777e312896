/* Mounts every graph on the page: each `<script type="application/json" id="X-data">` feeds #X. */
(function () {
  "use strict";
  var blocks = document.querySelectorAll("script[type='application/json'][id$='-data']");
  Array.prototype.forEach.call(blocks, function (block) {
    var gid = block.id.slice(0, -5);
    var payload = JSON.parse(block.textContent);
    var container = document.getElementById(gid);
    window.PG.mount(payload, {
      container: gid,
      panel: document.getElementById(gid + "-panel") ? gid + "-panel" : null,
      controls: document.getElementById(gid + "-controls") ? gid + "-controls" : null,
      filename: container.getAttribute("data-filename") || "pilotgraph",
      noNavigate: container.hasAttribute("data-no-navigate")
    });
  });
})();
