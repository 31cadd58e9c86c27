// Render the OpenAPI document with the vendored Swagger UI (no request leaves this server).
window.addEventListener("load", function () {
  var element = document.getElementById("reference");
  window.ui = SwaggerUIBundle({
    url: element.dataset.specUrl,
    domNode: element,
    deepLinking: true,
    validatorUrl: null,
    tryItOutEnabled: false,
    defaultModelsExpandDepth: 0,
  });
});
