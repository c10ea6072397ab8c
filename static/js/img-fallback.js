/* A photo whose WebP thumbnail is not made yet shows its original instead (data-fallback="url").
   Listens in the capture phase from <head>, so it is in place before any image can fail; no inline
   onerror= handlers, which the Content-Security-Policy forbids. */
window.addEventListener("error", function (event) {
    var img = event.target;
    if (img && img.tagName === "IMG" && img.dataset.fallback && img.src !== img.dataset.fallback) {
        img.src = img.dataset.fallback;
    }
}, true);
