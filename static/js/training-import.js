/* Attendance import page: polls the small JSON progress endpoint and moves the bar. */
(function () {
    var box = document.getElementById("import");
    if (!box || box.dataset.finished === "true") { return; }
    var bar = document.getElementById("import-bar");
    function poll() {
        fetch(box.dataset.progressUrl, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (p) {
            if (p.finished) { window.location.reload(); return; }  // a refused file shows its reasons, not a full bar
            bar.firstElementChild.style.width = p.percent + "%";
            bar.setAttribute("aria-valuenow", p.percent);
            document.getElementById("import-status").textContent = p.status_display;
            document.getElementById("import-count").textContent = p.processed + "/" + p.total;
            setTimeout(poll, 1000);
        }).catch(function () { setTimeout(poll, 3000); });
    }
    setTimeout(poll, 500);
})();
