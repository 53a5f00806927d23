package mockdevice

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Device is an emulated Azure Stack Edge Pro GPU device: an http.Handler
// serving its local ARM, token service, endpoint metadata and Azure side.
// Start serves one over TLS.
type Device struct {
	opts   Options
	ca     *authority
	tokens *tokenIssuer
	faults *faultInjector
	log    *requestLog
	state  *stateFile // nil without Options.StateFile
	now    func() time.Time
	// started is the hardware the device's options (flags) and the
	// defaults give, without a fixture: what a fixture loaded later
	// leaves out.
	started Hardware

	mu    sync.Mutex // guards w, dirty and taken
	w     *world
	dirty bool
	// taken is the injected failures operations took, oldest first; kept
	// in memory only, for tests (TakenOperationFailures).
	taken []TakenFailure
}

// New makes a device from opts, loading Options.StateFile if it exists.
func New(opts Options) (*Device, error) {
	passwordGiven, azureSecretGiven := opts.Password != "", opts.AzureClientSecret != ""
	started, err := Options{GPUs: opts.GPUs, GPUType: opts.GPUType, Release: opts.Release, MemoryGiB: opts.MemoryGiB}.withDefaults()
	if err != nil {
		return nil, err
	}
	if opts.Fixture != nil {
		if err := opts.Fixture.check(); err != nil {
			return nil, fmt.Errorf("%s: %w", opts.Fixture.what(), err)
		}
		opts.Fixture.applyHardware(&opts)
	}
	opts, err = opts.withDefaults()
	if err != nil {
		return nil, err
	}
	d := &Device{opts: opts, now: time.Now, log: newRequestLog(),
		started: Hardware{GPUs: started.GPUs, GPUType: started.GPUType, Release: started.Release, MemoryGiB: started.MemoryGiB}}
	d.tokens = newTokenIssuer(opts.TokenLifetime, d.now)
	d.faults = newFaultInjector(opts.Seed)
	for _, f := range opts.Faults {
		if err := d.faults.add(f); err != nil {
			return nil, err
		}
	}
	hw := hardware{
		GPUs: opts.GPUs, GPUType: opts.GPUType, MemoryGiB: opts.MemoryGiB, Release: opts.Release,
		DeviceName: opts.DeviceName, DNSDomain: opts.DNSDomain,
		SubscriptionID: opts.SubscriptionID, AzureSubscription: defaultAzureSubscription,
		AzureResourceGroup: defaultAzureResourceGroup, LegacyDeallocate: opts.LegacyDeallocate,
	}
	if opts.StateFile != "" {
		d.state = &stateFile{path: opts.StateFile}
		saved, err := d.state.load()
		if err != nil {
			return nil, err
		}
		if saved != nil {
			if err := sameHardware(saved.World.Hardware, hw); err != nil {
				return nil, fmt.Errorf("state file %s: %w", opts.StateFile, err)
			}
			d.w, d.ca = saved.World, saved.CA
			if !passwordGiven {
				d.opts.Password = saved.Secrets.Password
			}
			if !azureSecretGiven {
				d.opts.AzureClientSecret = saved.Secrets.AzureClientSecret
			}
		}
	}
	if d.w == nil {
		d.w = newWorld(hw)
		d.seed()
		if opts.Fixture != nil {
			if err := d.populate(opts.Fixture); err != nil {
				return nil, fmt.Errorf("%s: %w", opts.Fixture.what(), err)
			}
		}
	}
	if d.ca == nil {
		if d.ca, err = newAuthority(opts.DeviceName); err != nil {
			return nil, err
		}
	}
	return d, d.save()
}

// Credentials are what clients sign in with.
func (d *Device) Credentials() Credentials {
	return Credentials{
		Password:          d.opts.Password,
		Username:          ARMUser,
		SubscriptionID:    d.w.Hardware.SubscriptionID,
		DeviceID:          d.deviceID(),
		AzureTenantID:     AzureTenantID,
		AzureClientID:     AzureClientID,
		AzureClientSecret: d.opts.AzureClientSecret,
	}
}

// CAPEM is the PEM of the device's root certificate.
func (d *Device) CAPEM() []byte { return append([]byte(nil), d.ca.CertPEM...) }

// RevokeTokens ends every session, as a device restart does [EXT].
func (d *Device) RevokeTokens() { d.tokens.rotate() }

// ServeHTTP routes a request: the control endpoint, then fault injection,
// then metadata, token service and ARM.
func (d *Device) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := d.record(w, r)
	defer rec.end()
	if r.Body != nil {
		// No endpoint reads more than ARM's limit (token forms included).
		r.Body = http.MaxBytesReader(rec, r.Body, maxRequestBody)
	}
	if strings.HasPrefix(r.URL.Path, controlPrefix) {
		d.serveControl(rec, r)
		return
	}
	if d.faults.apply(rec, r) {
		return
	}
	d.serveUnfaulted(rec, r)
}

// serveUnfaulted answers a request past fault injection.
func (d *Device) serveUnfaulted(rec *recorder, r *http.Request) {
	path := strings.TrimSuffix(r.URL.Path, "/")
	lower := strings.ToLower(path)
	switch {
	case lower == "/metadata/endpoints":
		d.serveMetadata(rec, r)
	case lower == "/adfs/.well-known/openid-configuration":
		d.serveADFSDiscovery(rec, r)
	case lower == "/adfs/oauth2/token":
		d.serveADFSToken(rec, r)
	case strings.HasSuffix(lower, "/v2.0/.well-known/openid-configuration") && strings.Count(path, "/") == 4:
		d.serveAzureDiscovery(rec, r, strings.Split(path, "/")[1])
	case strings.HasSuffix(lower, "/oauth2/v2.0/token") && strings.Count(path, "/") == 4:
		d.serveAzureToken(rec, r, strings.Split(path, "/")[1])
	case strings.Contains(r.URL.Path, "//"):
		// ARM refuses a path with an empty segment (".../resourceGroups//")
		// rather than read it as a shorter path.
		writeError(rec, badRequest("InvalidRequestUri", "The request path '"+r.URL.Path+"' has an empty segment."))
	default:
		p, ok := parseARMPath(r.URL.Path)
		if !ok {
			writeError(rec, newError(http.StatusNotFound, "NotFound", "No route for '"+r.URL.Path+"'."))
			return
		}
		d.serveARM(rec, r, p)
	}
}

// serveARM authenticates an ARM request, checks its api-version and
// subscription, and hands it to the route's handler under the device lock.
func (d *Device) serveARM(w http.ResponseWriter, r *http.Request, p armPath) {
	h, ok := routes[p.route()]
	if !ok {
		writeError(w, newError(http.StatusNotFound, "InvalidResourceType",
			"The resource type '"+strings.Join(p.Types, "/")+"' could not be found in the namespace '"+p.Namespace+"'."))
		return
	}
	azureSide := p.provider() == "microsoft.databoxedge"
	realm, audiences := realmDevice, []string{d.deviceAudience()}
	if azureSide {
		realm, audiences = realmAzure, azureAudiences(r)
	}
	if !d.authorize(w, r, realm, audiences) {
		return
	}
	if e := checkAPIVersion(r, p.provider(), p.Types[len(p.Types)-1]); e != nil {
		writeError(w, e)
		return
	}
	if e := checkResourceName(r, p); e != nil {
		writeError(w, e)
		return
	}
	if !readBodyBounded(w, r) {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.settle()
	if p.Subscription != "" {
		want := d.w.Hardware.SubscriptionID
		if azureSide {
			want = d.w.Hardware.AzureSubscription
		}
		if !strings.EqualFold(p.Subscription, want) {
			writeError(w, newError(http.StatusNotFound, "SubscriptionNotFound", "The subscription '"+p.Subscription+"' could not be found."))
			return
		}
	}
	if p.ResourceGroup != "" && !azureSide && p.route() != "microsoft.resources/resourcegroups" {
		if _, ok := d.w.ResourceGroups[key(p.ResourceGroup)]; !ok {
			writeError(w, newError(http.StatusNotFound, "ResourceGroupNotFound", "Resource group '"+p.ResourceGroup+"' could not be found."))
			return
		}
	}
	if cid := r.Header.Get("x-ms-correlation-request-id"); cid != "" {
		w.Header().Set("x-ms-correlation-request-id", cid)
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		d.dirty = true
	}
	h(d, w, r, p)
	if err := d.saveLocked(); err != nil {
		d.logf("state file: %v", err)
	}
}

// routeHandler serves one kind of ARM resource, with the device lock held.
type routeHandler func(d *Device, w http.ResponseWriter, r *http.Request, p armPath)

// routes maps armPath.route() to its handler.
var routes = map[string]routeHandler{}

func register(route string, h routeHandler) { routes[strings.ToLower(route)] = h }

// decodeLocated reads a request body into v, then refuses the location
// it named (at *location, a field of v) unless it is the device's.
func decodeLocated(r *http.Request, v any, location *string) *statusError {
	if e := decodeBody(r, v); e != nil {
		return e
	}
	return checkLocation(*location)
}

func methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	writeError(w, newError(http.StatusMethodNotAllowed, "MethodNotAllowed", "The method '"+r.Method+"' is not allowed here."))
}

func (d *Device) logf(format string, args ...any) {
	if d.opts.Logf != nil {
		d.opts.Logf(format, args...)
	}
}

// save writes the state file if anything changed.
func (d *Device) save() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.dirty = true
	return d.saveLocked()
}

func (d *Device) saveLocked() error {
	if d.state == nil || !d.dirty {
		return nil
	}
	d.dirty = false
	return d.state.write(stateDocument{CA: d.ca, World: d.w,
		Secrets: secrets{Password: d.opts.Password, AzureClientSecret: d.opts.AzureClientSecret}})
}
