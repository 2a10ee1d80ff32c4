// Remote images (eastmoney charts, article photos) are often unreachable. This
// inline script runs before the page's images load, with or without React, and
// marks every failed image; CSS in globals.css then hides it. In article bodies
// it also leaves a same-sized placeholder so the text does not jump. The
// Content-Security-Policy (lib/security-headers.ts) allows it by its hash.
export const IMAGE_FALLBACK_SCRIPT = `document.addEventListener("error", function (event) {
  var img = event.target;
  if (!img || img.tagName !== "IMG" || img.hasAttribute("data-failed")) return;
  img.setAttribute("data-failed", "");
  if (!img.closest(".article-body")) return;
  var box = document.createElement("span");
  box.className = "image-placeholder";
  box.textContent = img.alt ? "图片无法显示：" + img.alt : "图片无法显示";
  var w = +img.getAttribute("width"), h = +img.getAttribute("height");
  if (w && h) box.style.aspectRatio = w + " / " + h;
  img.after(box);
}, true);`;
