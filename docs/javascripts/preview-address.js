// Hover previews of links (Material's navigation.instant.preview) wherever the site is served.
//
// Material previews a link only when the address it leads to is listed in sitemap.xml, and it
// reads the sitemap's addresses as MkDocs wrote them: under site_url (https://example.org/
// explainer/…), changing only their protocol and host name to this page's. So a copy served
// from another path or port (at /, on 127.0.0.1:8000, on a mirror) previews nothing, and a site
// built without a site_url, whose sitemap lists no address at all, previews nothing anywhere.
//
// This script makes the sitemap name the pages where they are being read. When Material parses
// it, each address under the published root (the page's canonical address, with Material's
// relative "base", the way up to the site's root, applied) is moved under this copy's root (that
// base applied to the page's own address); then the pages this page's links lead to and that the
// site marks for a preview (data-preview, set by material.extensions.preview in mkdocs.yml) are
// added where missing. Nothing is fetched, and no other document is touched.
(function () {
  "use strict";

  var config = document.getElementById("__config");
  if (!config || !window.DOMParser) {
    return;
  }
  var base;
  try {
    base = JSON.parse(config.textContent).base;
  } catch (error) {
    return;
  }
  if (typeof base !== "string") {
    return;
  }
  var up = base.replace(/\/?$/, "/");
  var canonical = document.querySelector('link[rel="canonical"]');
  var published = canonical ? new URL(up, canonical.href).href : null;
  var here = new URL(up, window.location.href).href;

  function page(address) {
    var url = new URL(address, window.location.href);
    url.hash = "";
    url.search = "";
    return url.href;
  }

  function moved(address) {
    return published && address.indexOf(published) === 0 ? here + address.slice(published.length) : address;
  }

  function previewed() {
    var self = page(window.location.href);
    var found = [];
    Array.prototype.forEach.call(document.querySelectorAll("a[data-preview][href]"), function (link) {
      var address = page(link.getAttribute("href"));
      if (address !== self && address.indexOf(here) === 0 && found.indexOf(address) < 0) {
        found.push(address);
      }
    });
    return found;
  }

  var parse = DOMParser.prototype.parseFromString;
  DOMParser.prototype.parseFromString = function (text, type) {
    var parsed = parse.call(this, text, type);
    var root = parsed.documentElement;
    if (type !== "text/xml" || !root || root.localName !== "urlset") {
      return parsed;
    }
    var listed = {};
    Array.prototype.forEach.call(root.getElementsByTagNameNS("*", "loc"), function (loc) {
      loc.textContent = moved(loc.textContent.trim());
      listed[loc.textContent] = true;
    });
    previewed().forEach(function (address) {
      if (!listed[address]) {
        var url = parsed.createElementNS(root.namespaceURI, "url");
        var loc = parsed.createElementNS(root.namespaceURI, "loc");
        loc.textContent = address;
        url.appendChild(loc);
        root.appendChild(url);
      }
    });
    return parsed;
  };
})();
