// "Cite this page": fill in today's date as the access date (the page says "the date you read
// this page" without JavaScript).
document.querySelectorAll("[data-access-date]").forEach(function (element) {
  element.textContent = new Date().toISOString().slice(0, 10);
});
