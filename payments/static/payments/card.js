// Card payment with Stripe.js: the card field on the order preview, and 3-D Secure afterwards.
(function () {
  // 1. Preview page: tokenise the card in the browser, then place the order with its id.
  var form = document.getElementById("place_order_form");
  var box = document.getElementById("card-element");
  if (form && box && typeof Stripe !== "undefined") {
    var stripe = Stripe(box.getAttribute("data-key"));
    var card = stripe.elements().create("card");
    card.mount(box);
    var errors = document.getElementById("card-errors");
    var field = form.querySelector("input[name=payment_method]");
    var busy = false;
    form.addEventListener("submit", async function (event) {
      if (field.value) return;
      event.preventDefault();
      if (busy) return;
      busy = true;
      errors.textContent = "";
      var id = null;
      var result = await stripe.createPaymentMethod({ type: "card", card: card });
      if (result && result.paymentMethod) {
        id = result.paymentMethod.id;
      } else if (!result || !result.error) {
        // Stripe.js stand-ins without createPaymentMethod (localstripe in tests) tokenise instead.
        var token = await stripe.createToken(card);
        if (token && token.token) id = token.token.card.id;
      }
      if (!id) {
        errors.textContent = box.getAttribute("data-error");
        busy = false;
        return;
      }
      field.value = id;
      form.requestSubmit ? form.requestSubmit() : form.submit();  // a real submit event
    });
  }
  // 2. Status page: the bank asks for 3-D Secure; then tell the server to capture.
  var auth = document.getElementById("card-auth");
  if (auth && typeof Stripe !== "undefined") {
    auth.addEventListener("click", async function () {
      auth.disabled = true;
      await Stripe(auth.getAttribute("data-key")).confirmCardPayment(auth.getAttribute("data-secret"));
      var done = document.getElementById("card-auth-form");
      done.requestSubmit ? done.requestSubmit() : done.submit();
    });
  }
})();
