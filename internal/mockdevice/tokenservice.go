package mockdevice

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

// deviceAudience is the audience of the device's ARM, as endpoint metadata
// advertises it.
func (d *Device) deviceAudience() string {
	return "https://management." + d.w.Hardware.DeviceName + "." + d.w.Hardware.DNSDomain + "/"
}

// azureAudiences are the audiences the Azure side accepts: the public
// cloud's and the mock's own origin (what a client derives from the
// endpoint it was given).
func azureAudiences(r *http.Request) []string {
	return []string{"https://management.azure.com/", "https://management.core.windows.net/", baseURL(r) + "/"}
}

// serveADFSDiscovery answers /adfs/.well-known/openid-configuration as the
// device's ADFS does; MSAL reads issuer and token_endpoint from it.
func (d *Device) serveADFSDiscovery(w http.ResponseWriter, r *http.Request) {
	base := baseURL(r) + "/adfs"
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                base,
		"authorization_endpoint":                base + "/oauth2/authorize/",
		"token_endpoint":                        base + "/oauth2/token/",
		"jwks_uri":                              base + "/discovery/keys",
		"response_types_supported":              []string{"code", "id_token", "code id_token", "token"},
		"grant_types_supported":                 []string{"authorization_code", "refresh_token", "client_credentials", "password"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_post", "client_secret_basic"},
		"access_token_issuer":                   base + "/services/trust",
	})
}

// serveAzureDiscovery answers /{tenant}/v2.0/.well-known/openid-configuration
// for the mock's Azure AD tenant.
func (d *Device) serveAzureDiscovery(w http.ResponseWriter, r *http.Request, tenant string) {
	if !strings.EqualFold(tenant, AzureTenantID) {
		writeOAuthError(w, http.StatusBadRequest, "invalid_tenant",
			"AADSTS90002: Tenant '"+tenant+"' not found. Check to make sure you have the correct tenant ID.")
		return
	}
	base := baseURL(r) + "/" + AzureTenantID
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                   base + "/v2.0",
		"authorization_endpoint":   base + "/oauth2/v2.0/authorize",
		"token_endpoint":           base + "/oauth2/v2.0/token",
		"jwks_uri":                 base + "/discovery/v2.0/keys",
		"response_types_supported": []string{"code", "id_token", "code id_token", "token id_token"},
		"tenant_region_scope":      "NA",
	})
}

// writeOAuthError answers a token request as ADFS and Azure AD do.
func writeOAuthError(w http.ResponseWriter, status int, code, description string) {
	writeJSON(w, status, map[string]any{"error": code, "error_description": description})
}

// requestedAudience is the resource a token request asks for: scope
// "<audience>/.default" (MSAL) or resource (ADFS v1 clients).
func requestedAudience(r *http.Request) string {
	for _, s := range strings.Fields(r.PostForm.Get("scope")) {
		if strings.HasSuffix(s, "/.default") {
			return strings.TrimSuffix(s, ".default")
		}
	}
	return r.PostForm.Get("resource")
}

func clientSecret(r *http.Request) (id, secret string) {
	if u, p, ok := r.BasicAuth(); ok {
		return u, p
	}
	return r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
}

func secretEqual(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// serveADFSToken is the device's token endpoint: the scripted client with
// the ARM password as its secret, and EdgeArmUser's password sign-in [CONN].
func (d *Device) serveADFSToken(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.ParseForm() != nil {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "MSIS9604: An error occurred. The token endpoint takes a form POST.")
		return
	}
	var g grant
	switch r.PostForm.Get("grant_type") {
	case "client_credentials":
		id, secret := clientSecret(r)
		if !strings.EqualFold(id, ScriptClientID) {
			writeOAuthError(w, http.StatusBadRequest, "invalid_client",
				"MSIS9607: The 'client_id' parameter in the request is invalid. No registered client is found with this identifier.")
			return
		}
		if !secretEqual(secret, d.opts.Password) {
			writeOAuthError(w, http.StatusUnauthorized, "invalid_client",
				"MSIS9622: Client authentication failed. Please verify the credential provided for client authentication is valid.")
			return
		}
		g = grant{realm: realmDevice, subject: ScriptClientID, clientID: ScriptClientID}
	case "password":
		if !strings.EqualFold(r.PostForm.Get("client_id"), UserClientID) {
			writeOAuthError(w, http.StatusBadRequest, "invalid_client",
				"MSIS9607: The 'client_id' parameter in the request is invalid. No registered client is found with this identifier.")
			return
		}
		if !strings.EqualFold(r.PostForm.Get("username"), ARMUser) || !secretEqual(r.PostForm.Get("password"), d.opts.Password) {
			writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "MSIS9659: Invalid 'username' or 'password'.")
			return
		}
		g = grant{realm: realmDevice, subject: ARMUser, clientID: UserClientID, upn: ARMUser}
	case "refresh_token":
		var ok bool
		if g, ok = d.tokens.redeem(r.PostForm.Get("refresh_token")); !ok || g.realm != realmDevice {
			writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "MSIS9615: The refresh token received in 'refresh_token' parameter is invalid or has expired.")
			return
		}
	default:
		writeOAuthError(w, http.StatusBadRequest, "unsupported_grant_type",
			"MSIS9611: The authorization server does not support the requested 'grant_type'.")
		return
	}
	aud := requestedAudience(r)
	if !sameAudience(aud, d.deviceAudience()) {
		writeOAuthError(w, http.StatusBadRequest, "invalid_resource",
			"MSIS9602: The received 'resource' parameter is not a valid URI: no relying party is registered for '"+aud+
				"'. The device's audience is '"+d.deviceAudience()+"'.")
		return
	}
	d.grantToken(w, r, g, baseURL(r)+"/adfs", d.deviceAudience(), DeviceTenantID)
}

// serveAzureToken is the mock Azure AD tenant's token endpoint, for the
// Azure-side client of Credentials (AZURE_CLIENT_ID and AZURE_CLIENT_SECRET).
func (d *Device) serveAzureToken(w http.ResponseWriter, r *http.Request, tenant string) {
	if r.Method != http.MethodPost || r.ParseForm() != nil {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "AADSTS900144: The request body must contain the grant_type parameter.")
		return
	}
	if !strings.EqualFold(tenant, AzureTenantID) {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "AADSTS90002: Tenant '"+tenant+"' not found.")
		return
	}
	if r.PostForm.Get("grant_type") != "client_credentials" {
		writeOAuthError(w, http.StatusBadRequest, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.")
		return
	}
	id, secret := clientSecret(r)
	if !strings.EqualFold(id, AzureClientID) {
		writeOAuthError(w, http.StatusBadRequest, "unauthorized_client",
			"AADSTS700016: Application with identifier '"+id+"' was not found in the directory.")
		return
	}
	if !secretEqual(secret, d.opts.AzureClientSecret) {
		writeOAuthError(w, http.StatusUnauthorized, "invalid_client", "AADSTS7000215: Invalid client secret provided.")
		return
	}
	aud := requestedAudience(r)
	known := false
	for _, a := range azureAudiences(r) {
		known = known || sameAudience(aud, a)
	}
	if !known {
		writeOAuthError(w, http.StatusBadRequest, "invalid_resource",
			"AADSTS500011: The resource principal named "+aud+" was not found in the tenant.")
		return
	}
	g := grant{realm: realmAzure, subject: AzureClientID, clientID: AzureClientID}
	d.grantToken(w, r, g, baseURL(r)+"/"+AzureTenantID+"/v2.0", aud, AzureTenantID)
}

func (d *Device) grantToken(w http.ResponseWriter, r *http.Request, g grant, issuer, audience, tenant string) {
	token, lifetime, err := d.tokens.issue(g.realm, issuer, audience, g, tenant)
	if err != nil {
		writeOAuthError(w, http.StatusInternalServerError, "server_error", err.Error())
		return
	}
	body := map[string]any{
		"access_token":   token,
		"token_type":     "Bearer",
		"expires_in":     int(lifetime.Seconds()),
		"ext_expires_in": int(lifetime.Seconds()),
		"resource":       audience,
		// The granted scope is the one asked for: MSAL refuses a token
		// whose scope differs from the request's.
		"scope": r.PostForm.Get("scope"),
	}
	if body["scope"] == "" {
		body["scope"] = strings.TrimSuffix(audience, "/") + "/.default"
	}
	if g.upn != "" {
		// A user sign-in: an ID token for MSAL's account cache and a refresh
		// token so the session renews without the password.
		idToken, _ := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.MapClaims{
			"iss": issuer, "sub": g.subject, "aud": g.clientID, "upn": g.upn, "unique_name": g.upn, "tid": tenant,
			"iat": d.now().Unix(), "exp": d.now().Add(lifetime).Unix(),
		}).SignedString(jwt.UnsafeAllowNoneSignatureType)
		body["id_token"] = idToken
		body["refresh_token"] = d.tokens.newRefreshToken(g)
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, body)
}

// authorize checks the bearer token of an ARM request for realm. On failure
// it answers 401 with a WWW-Authenticate challenge and an ARM error, as ARM
// does, and returns false.
func (d *Device) authorize(w http.ResponseWriter, r *http.Request, realm string, audiences []string) bool {
	authority := baseURL(r) + "/adfs"
	if realm == realmAzure {
		authority = baseURL(r) + "/" + AzureTenantID
	}
	fail := func(code, message string) bool {
		w.Header().Set("WWW-Authenticate", `Bearer authorization_uri="`+authority+`", error="invalid_token", error_description="`+message+`"`)
		writeError(w, newError(http.StatusUnauthorized, code, message))
		return false
	}
	h := r.Header.Get("Authorization")
	if h == "" {
		return fail("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.")
	}
	raw, ok := strings.CutPrefix(h, "Bearer ")
	if !ok {
		return fail("AuthenticationFailed", "Authentication failed. The 'Authorization' header is not a bearer token.")
	}
	claims, err := d.tokens.verify(strings.TrimSpace(raw), realm, audiences)
	switch {
	case errors.Is(err, errTokenExpired):
		return fail("ExpiredAuthenticationToken", "The access token expiry UTC time '"+
			claims.ExpiresAt.UTC().Format("1/2/2006 3:04:05 PM")+"' is earlier than current UTC time '"+
			d.now().UTC().Format("1/2/2006 3:04:05 PM")+"'.")
	case errors.Is(err, errTokenAudience):
		return fail("InvalidAuthenticationTokenAudience", "The access token has been obtained for wrong audience or resource.")
	case err != nil:
		return fail("InvalidAuthenticationToken", "The access token is invalid.")
	}
	return true
}
