"""drf-spectacular: how the two ways of authenticating appear in the OpenAPI schema."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApplicatieTokenSchema(OpenApiAuthenticationExtension):
    target_class = "nieuwestart.api.authenticatie.ApplicatieTokenAuthenticatie"
    name = "apiSleutel"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http", "scheme": "bearer", "bearerFormat": "ns_<prefix>_<geheim>",
            "description": "De API-sleutel van een API-applicatie (functioneel beheerder: Beheer → API-applicaties).",
        }


class OidcBearerSchema(OpenApiAuthenticationExtension):
    target_class = "nieuwestart.api.authenticatie.OidcBearerAuthenticatie"
    name = "oidc"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
            "description": "Een access token van de OIDC-inlogdienst van de gemeente (alleen als SSO aan staat).",
        }
