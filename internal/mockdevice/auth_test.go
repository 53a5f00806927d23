package mockdevice

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

// Microsoft's own credential types sign in to the device unchanged.
func TestAzidentitySignsIn(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	scope := []string{strings.TrimSuffix(s.deviceAudience(), "/") + "/.default"}

	t.Run("scripted client with the ARM password", func(t *testing.T) {
		if _, err := s.deviceCredential(t).GetToken(context.Background(), policy.TokenRequestOptions{Scopes: scope}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("EdgeArmUser password sign-in", func(t *testing.T) {
		//nolint:staticcheck // UsernamePasswordCredential is what the device's user sign-in is.
		cred, err := azidentity.NewUsernamePasswordCredential("adfs", UserClientID, ARMUser, s.Credentials().Password,
			&azidentity.UsernamePasswordCredentialOptions{ClientOptions: s.azOptions(), DisableInstanceDiscovery: true})
		if err != nil {
			t.Fatal(err)
		}
		tk, err := cred.GetToken(context.Background(), policy.TokenRequestOptions{Scopes: scope})
		if err != nil {
			t.Fatal(err)
		}
		c := &armClient{t: t, s: s, http: s.httpClient(), token: tk.Token}
		c.do(http.MethodGet, "/subscriptions", nil).must(t, http.StatusOK)
	})
	t.Run("Azure side client secret", func(t *testing.T) {
		c := s.azureClient(t)
		c.do(http.MethodGet, s.Credentials().DeviceID, nil).must(t, http.StatusOK)
	})
	t.Run("wrong secret gets an ADFS error", func(t *testing.T) {
		cred, err := azidentity.NewClientSecretCredential("adfs", ScriptClientID, "wrong",
			&azidentity.ClientSecretCredentialOptions{ClientOptions: s.azOptions(), DisableInstanceDiscovery: true})
		if err != nil {
			t.Fatal(err)
		}
		_, err = cred.GetToken(context.Background(), policy.TokenRequestOptions{Scopes: scope})
		var authErr *azidentity.AuthenticationFailedError
		if !errors.As(err, &authErr) || !strings.Contains(err.Error(), "MSIS9622") {
			t.Fatalf("error = %v, want an AuthenticationFailedError with MSIS9622", err)
		}
	})
}

func TestTokenEndpointErrors(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	aud := strings.TrimSuffix(s.deviceAudience(), "/") + "/.default"
	for _, tc := range []struct {
		name     string
		path     string
		form     url.Values
		status   int
		wantCode string
	}{
		{"unknown client", "/adfs/oauth2/token", url.Values{"grant_type": {"client_credentials"}, "client_id": {"x"}, "client_secret": {"y"}, "scope": {aud}}, 400, "invalid_client"},
		{"wrong password grant", "/adfs/oauth2/token", url.Values{"grant_type": {"password"}, "client_id": {UserClientID}, "username": {ARMUser}, "password": {"nope"}, "scope": {aud}}, 400, "invalid_grant"},
		{"wrong user", "/adfs/oauth2/token", url.Values{"grant_type": {"password"}, "client_id": {UserClientID}, "username": {"root"}, "password": {s.Credentials().Password}, "scope": {aud}}, 400, "invalid_grant"},
		{"wrong audience", "/adfs/oauth2/token", url.Values{"grant_type": {"client_credentials"}, "client_id": {ScriptClientID}, "client_secret": {s.Credentials().Password}, "scope": {"https://management.azure.com/.default"}}, 400, "invalid_resource"},
		{"bad refresh token", "/adfs/oauth2/token", url.Values{"grant_type": {"refresh_token"}, "client_id": {UserClientID}, "refresh_token": {"abc"}, "scope": {aud}}, 400, "invalid_grant"},
		{"unsupported grant", "/adfs/oauth2/token", url.Values{"grant_type": {"device_code"}}, 400, "unsupported_grant_type"},
		{"azure wrong secret", "/" + AzureTenantID + "/oauth2/v2.0/token", url.Values{"grant_type": {"client_credentials"}, "client_id": {AzureClientID}, "client_secret": {"no"}, "scope": {s.URL() + "/.default"}}, 401, "invalid_client"},
		{"azure unknown tenant", "/00000000-0000-0000-0000-000000000000/oauth2/v2.0/token", url.Values{"grant_type": {"client_credentials"}}, 400, "invalid_request"},
		{"good client credentials", "/adfs/oauth2/token", url.Values{"grant_type": {"client_credentials"}, "client_id": {ScriptClientID}, "client_secret": {s.Credentials().Password}, "scope": {aud}}, 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := s.httpClient().PostForm(s.URL()+tc.path, tc.form)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body map[string]any
			_ = jsonDecode(resp.Body, &body)
			if resp.StatusCode != tc.status || (tc.wantCode != "" && body["error"] != tc.wantCode) {
				t.Fatalf("status %d body %v, want %d %s", resp.StatusCode, body, tc.status, tc.wantCode)
			}
			if tc.wantCode == "" && body["access_token"] == "" {
				t.Fatalf("no access token: %v", body)
			}
		})
	}
}

func TestARMRequiresValidToken(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{TokenLifetime: 2 * time.Second})
	good := s.deviceClient(t)
	sub := "/subscriptions/" + s.Credentials().SubscriptionID
	for _, tc := range []struct {
		name  string
		token string
		code  string
	}{
		{"missing", "", "AuthenticationFailed"},
		{"garbage", "not-a-jwt", "InvalidAuthenticationToken"},
		{"azure token on the device", token(t, s.azureCredential(t), s.URL()), "InvalidAuthenticationTokenAudience"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &armClient{t: t, s: s, http: s.httpClient(), token: tc.token}
			r := c.do(http.MethodGet, sub, nil).must(t, http.StatusUnauthorized)
			if r.errorCode() != tc.code || !strings.HasPrefix(r.Header.Get("WWW-Authenticate"), "Bearer authorization_uri=") {
				t.Fatalf("code %q, WWW-Authenticate %q", r.errorCode(), r.Header.Get("WWW-Authenticate"))
			}
		})
	}
	t.Run("device token on the Azure side", func(t *testing.T) {
		r := good.do(http.MethodGet, s.Credentials().DeviceID, nil).must(t, http.StatusUnauthorized)
		if r.errorCode() != "InvalidAuthenticationTokenAudience" {
			t.Fatalf("code %q", r.errorCode())
		}
	})
	good.do(http.MethodGet, sub, nil).must(t, http.StatusOK)
	t.Run("expired", func(t *testing.T) {
		time.Sleep(2100 * time.Millisecond)
		r := good.do(http.MethodGet, sub, nil).must(t, http.StatusUnauthorized)
		if r.errorCode() != "ExpiredAuthenticationToken" {
			t.Fatalf("code %q: %s", r.errorCode(), r.Raw)
		}
	})
	t.Run("revoked by a restart", func(t *testing.T) {
		c := s.deviceClient(t)
		c.do(http.MethodGet, sub, nil).must(t, http.StatusOK)
		s.RevokeTokens()
		if r := c.do(http.MethodGet, sub, nil).must(t, http.StatusUnauthorized); r.errorCode() != "InvalidAuthenticationToken" {
			t.Fatalf("code %q", r.errorCode())
		}
	})
}

func TestMetadataEndpoints(t *testing.T) {
	t.Parallel()
	s := startDevice(t, Options{})
	c := &armClient{t: t, s: s, http: s.httpClient()}
	old := c.do(http.MethodGet, "/metadata/endpoints?api-version=2015-01-01", nil).must(t, http.StatusOK)
	if str(old.Body, "authentication", "loginEndpoint") != s.URL()+"/adfs/" {
		t.Errorf("2015-01-01 loginEndpoint = %q", str(old.Body, "authentication", "loginEndpoint"))
	}
	if auds, _ := old.Body["authentication"].(map[string]any)["audiences"].([]any); len(auds) != 1 || auds[0] != s.deviceAudience() {
		t.Errorf("audiences = %v", auds)
	}
	// 2020-06-01 is Azure's list of environments.
	cur := c.do(http.MethodGet, "/metadata/endpoints?api-version=2020-06-01", nil).must(t, http.StatusOK)
	var envs []map[string]any
	if err := jsonDecode(strings.NewReader(cur.Raw), &envs); err != nil || len(envs) != 1 {
		t.Fatalf("2020-06-01 is not a list of one environment: %v %s", err, cur.Raw)
	}
	if str(envs[0], "resourceManager") != s.URL()+"/" || str(envs[0], "authentication", "identityProvider") != "ADFS" ||
		str(envs[0], "authentication", "loginEndpoint") != s.URL()+"/adfs/" {
		t.Errorf("2020-06-01 = %v", envs[0])
	}
	if r := c.do(http.MethodGet, "/metadata/endpoints?api-version=2019-05-01", nil); r.Status != 400 || r.errorCode() != "NoRegisteredProviderFound" {
		t.Errorf("unknown version: %d %s", r.Status, r.Raw)
	}
}
