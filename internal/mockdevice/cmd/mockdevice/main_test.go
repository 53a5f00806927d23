package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

// The printed export lines are all a client needs: with them alone,
// azidentity signs in to the device and to its Azure side.
func TestPrintedExportsWork(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-ca-out", filepath.Join(dir, "ca.pem"), "-env-out", filepath.Join(dir, "env"), "-gpus", "1", "-op-delay", "50ms"}, w, io.Discard)
		w.Close()
	}()
	env := map[string]string{}
	sc := bufio.NewScanner(out)
	for len(env) < 11 && sc.Scan() {
		if kv, ok := strings.CutPrefix(sc.Text(), "export "); ok {
			k, v, _ := strings.Cut(kv, "=")
			env[k] = strings.Trim(v, "'")
		}
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	}()
	for _, k := range []string{"AZURESTACKEDGE_ARM_ENDPOINT", "AZURESTACKEDGE_ARM_PASSWORD", "AZURESTACKEDGE_CA_CERTIFICATE",
		"AZURESTACKEDGE_DEVICE_ID", "AZURESTACKEDGE_AZURE_ENDPOINT", "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_AUTHORITY_HOST"} {
		if env[k] == "" {
			t.Fatalf("%s not printed; got %v", k, env)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "env")); err != nil || !strings.Contains(string(b), env["AZURESTACKEDGE_ARM_ENDPOINT"]) {
		t.Fatalf("-env-out: %v", err)
	}
	pem, err := os.ReadFile(env["AZURESTACKEDGE_CA_CERTIFICATE"])
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		t.Fatal("CA file is not PEM")
	}
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}, Timeout: 10 * time.Second}
	opts := azcore.ClientOptions{Cloud: cloud.Configuration{ActiveDirectoryAuthorityHost: env["AZURE_AUTHORITY_HOST"]}, Transport: hc}

	// The device: discover the audience from metadata, then sign in.
	resp, err := hc.Get(env["AZURESTACKEDGE_ARM_ENDPOINT"] + "/metadata/endpoints?api-version=2015-01-01")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("metadata: %v", err)
	}
	resp.Body.Close()
	dev, _ := azidentity.NewClientSecretCredential("adfs", "cbd868c5-7207-431f-8d16-1cb144b50971", env["AZURESTACKEDGE_ARM_PASSWORD"],
		&azidentity.ClientSecretCredentialOptions{ClientOptions: opts, DisableInstanceDiscovery: true})
	if _, err := dev.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{"https://management.mockase.microsoftdatabox.com/.default"}}); err != nil {
		t.Fatalf("device sign-in: %v", err)
	}
	// The Azure side, as azidentity reads it from the AZURE_* variables.
	for _, k := range []string{"AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"} {
		t.Setenv(k, env[k])
	}
	az, err := azidentity.NewEnvironmentCredential(&azidentity.EnvironmentCredentialOptions{ClientOptions: opts, DisableInstanceDiscovery: true})
	if err != nil {
		t.Fatal(err)
	}
	tk, err := az.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{env["AZURESTACKEDGE_AZURE_ENDPOINT"] + "/.default"}})
	if err != nil {
		t.Fatalf("Azure sign-in: %v", err)
	}
	req, _ := http.NewRequest(http.MethodGet, env["AZURESTACKEDGE_AZURE_ENDPOINT"]+env["AZURESTACKEDGE_DEVICE_ID"]+"/deviceCapacityInfo/default?api-version=2022-03-01", nil)
	req.Header.Set("Authorization", "Bearer "+tk.Token)
	resp, err = hc.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("capacity: %v %v", resp, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"gpuTotalUnitsCount":1`) {
		t.Fatalf("capacity of a -gpus 1 device: %s", body)
	}
}

func TestFlagErrors(t *testing.T) {
	for _, args := range [][]string{{"-gpus", "3"}, {"-gpu-type", "V100"}, {"-release", "99"}, {"-fault", "teapot"}} {
		if err := run(context.Background(), args, io.Discard, io.Discard); err == nil {
			t.Errorf("run(%v) succeeded", args)
		}
	}
}
