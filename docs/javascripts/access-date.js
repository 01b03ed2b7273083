// "Cite this page": fill in today's date as the access date (the page says "the date you read
// this page" without JavaScript), and, when the site was built without a site_url, the address
// the reader has the page at (the page says "this page's address" without JavaScript), without
// the query or fragment a search result or a heading link may have added.
document.querySelectorAll("[data-access-date]").forEach(function (element) {
  element.textContent = new Date().toISOString().slice(0, 10);
});
document.querySelectorAll("[data-page-address]").forEach(function (element) {
  element.textContent = window.location.href.split(/[?#]/)[0];
});
