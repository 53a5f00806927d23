package mockdevice

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Token realms: the device's own ADFS and the mock's Azure AD tenant.
const (
	realmDevice = "device"
	realmAzure  = "azure"
)

// tokenClaims are the claims of the tokens the mock issues.
type tokenClaims struct {
	jwt.RegisteredClaims
	Realm    string `json:"realm"`
	AppID    string `json:"appid"`
	TenantID string `json:"tid"`
	UPN      string `json:"upn,omitempty"`
}

// grant is what a refresh token stands for.
type grant struct {
	realm, subject, clientID, upn string
}

// tokenIssuer signs and checks tokens. Rotating its key revokes every token,
// as a device restart ends every session [EXT].
type tokenIssuer struct {
	mu       sync.Mutex
	key      *ecdsa.PrivateKey
	lifetime time.Duration
	refresh  map[string]grant
	now      func() time.Time
	issued   []string // every token handed out, for tests that look for leaks
}

// issuedKeep bounds the tokens kept for leak tests.
const issuedKeep = 10000

func newTokenIssuer(lifetime time.Duration, now func() time.Time) *tokenIssuer {
	t := &tokenIssuer{lifetime: lifetime, now: now}
	t.rotate()
	return t
}

// rotate replaces the signing key, revoking every token issued so far.
func (t *tokenIssuer) rotate() {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err) // the system's random source failed
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.key = key
	t.refresh = map[string]grant{}
}

// issue signs an access token for audience and returns it with its lifetime.
func (t *tokenIssuer) issue(realm, issuer, audience string, g grant, tenant string) (string, time.Duration, error) {
	t.mu.Lock()
	key, lifetime := t.key, t.lifetime
	t.mu.Unlock()
	now := t.now()
	claims := tokenClaims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    issuer,
			Subject:   g.subject,
			Audience:  jwt.ClaimStrings{audience},
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now.Add(-time.Minute)),
			ExpiresAt: jwt.NewNumericDate(now.Add(lifetime)),
		},
		Realm:    realm,
		AppID:    g.clientID,
		TenantID: tenant,
		UPN:      g.upn,
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodES256, claims).SignedString(key)
	t.remember(s)
	return s, lifetime, err
}

// newRefreshToken stands for g until the key rotates.
func (t *tokenIssuer) newRefreshToken(g grant) string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	rt := hex.EncodeToString(b)
	t.mu.Lock()
	t.refresh[rt] = g
	t.mu.Unlock()
	t.remember(rt)
	return rt
}

func (t *tokenIssuer) remember(token string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.issued) < issuedKeep {
		t.issued = append(t.issued, token)
	}
}

func (t *tokenIssuer) redeem(rt string) (grant, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	g, ok := t.refresh[rt]
	return g, ok
}

var (
	errTokenExpired  = errors.New("expired")
	errTokenAudience = errors.New("audience")
)

// verify checks a bearer token's signature, realm, lifetime and audience.
func (t *tokenIssuer) verify(raw, realm string, audiences []string) (*tokenClaims, error) {
	t.mu.Lock()
	key := t.key
	t.mu.Unlock()
	var claims tokenClaims
	_, err := jwt.ParseWithClaims(raw, &claims, func(*jwt.Token) (any, error) { return &key.PublicKey, nil },
		jwt.WithValidMethods([]string{"ES256"}), jwt.WithTimeFunc(t.now))
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		return &claims, errTokenExpired
	case err != nil:
		return nil, err
	case claims.Realm != realm:
		return nil, errTokenAudience
	}
	for _, a := range claims.Audience {
		for _, want := range audiences {
			if sameAudience(a, want) {
				return &claims, nil
			}
		}
	}
	return &claims, errTokenAudience
}

func sameAudience(a, b string) bool {
	return strings.EqualFold(strings.TrimRight(a, "/"), strings.TrimRight(b, "/"))
}
