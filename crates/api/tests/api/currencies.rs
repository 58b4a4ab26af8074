use kassa_testkit::TestApp;
use serde_json::json;

use crate::staff::{user_with, PASSWORD};

#[tokio::test]
async fn a_fresh_tenant_has_us_dollars_selected_and_the_rest_as_options() {
    for app in TestApp::all().await {
        let r = app.get("/currencies").send().await.expect(200);
        assert_eq!(
            r.json["selectedCurrencyOptions"],
            json!([{"code": "USD", "name": "US Dollar", "decimalPlaces": 2, "displaySymbol": "$",
                    "nameCode": "currency.USD", "displayLabel": "US Dollar ($)"}]),
            "{}",
            app.backend
        );
        let options = r.json["currencyOptions"].as_array().unwrap();
        assert_eq!(options.len(), 163);
        assert!(options.iter().all(|c| c["code"] != "USD"));
        let aed = options.iter().find(|c| c["code"] == "AED").unwrap();
        assert_eq!(aed["displayLabel"], "UAE Dirham [AED]");
        assert!(aed.get("displaySymbol").is_none());
        // ISO 4217: no minor unit for the Ugandan shilling.
        let ugx = options.iter().find(|c| c["code"] == "UGX").unwrap();
        assert_eq!(ugx["decimalPlaces"], 0);
    }
}

#[tokio::test]
async fn enabling_a_currency_makes_it_selected() {
    for app in TestApp::all().await {
        let r = app
            .put("/currencies", json!({"currencies": ["USD", "KES", "KES"]}))
            .header("Idempotency-Key", "currencies-1")
            .send()
            .await
            .expect(200);
        assert_eq!(
            r.json,
            json!({"changes": {"currencies": ["USD", "KES"]}}),
            "{}",
            app.backend
        );
        let again = app
            .put("/currencies", json!({"currencies": ["USD", "KES", "KES"]}))
            .header("Idempotency-Key", "currencies-1")
            .send()
            .await
            .expect(200);
        assert_eq!(again.header("x-served-from-cache"), Some("true"));
        let config = app.get("/currencies").send().await.expect(200);
        let selected: Vec<&str> = config.json["selectedCurrencyOptions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["code"].as_str().unwrap())
            .collect();
        assert_eq!(selected, ["KES", "USD"]);
        assert_eq!(
            config.json["selectedCurrencyOptions"][0]["displayLabel"],
            "Kenyan Shilling (KSh)"
        );
        assert_eq!(
            config.json["currencyOptions"].as_array().unwrap().len(),
            162
        );
        // Replacing the selection drops what is not named.
        app.put("/currencies", json!({"currencies": ["KES"]}))
            .send()
            .await
            .expect(200);
        let config = app
            .get("/currencies?fields=selectedCurrencyOptions")
            .send()
            .await
            .expect(200);
        assert_eq!(
            config.json["selectedCurrencyOptions"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        assert!(config.json.get("currencyOptions").is_none());
        let audit = app
            .get("/audits?entityName=CURRENCY")
            .send()
            .await
            .expect(200);
        assert_eq!(audit.json[0]["actionName"], "UPDATE");
    }
}

#[tokio::test]
async fn an_unknown_or_empty_currency_list_is_refused() {
    for app in TestApp::all().await {
        let r = app
            .put("/currencies", json!({"currencies": ["USD", "XXX"]}))
            .send()
            .await
            .expect(404);
        assert_eq!(
            r.error_code(),
            "error.msg.currency.currencyCode.invalid",
            "{}",
            app.backend
        );
        // Nothing changed.
        let config = app.get("/currencies").send().await.expect(200);
        assert_eq!(config.json["selectedCurrencyOptions"][0]["code"], "USD");
        let r = app
            .put("/currencies", json!({"currencies": []}))
            .send()
            .await
            .expect(400);
        assert_eq!(
            r.error_code(),
            "validation.msg.currencies.currencies.cannot.be.empty"
        );
        let r = app
            .put(
                "/currencies",
                json!({"currencies": ["USD"], "default": "USD"}),
            )
            .send()
            .await
            .expect(400);
        assert_eq!(r.error_code(), "error.msg.parameter.unsupported");
    }
}

#[tokio::test]
async fn changing_currencies_needs_update_currency() {
    for app in TestApp::all().await {
        user_with(&app, "teller", 1, &["READ_CURRENCY"]).await;
        app.get("/currencies")
            .user("teller", PASSWORD)
            .send()
            .await
            .expect(200);
        let r = app
            .put("/currencies", json!({"currencies": ["KES"]}))
            .user("teller", PASSWORD)
            .send()
            .await
            .expect(403);
        assert_eq!(
            r.json["userMessageGlobalisationCode"], "error.msg.not.authorized",
            "{}",
            app.backend
        );
    }
}
