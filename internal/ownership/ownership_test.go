package ownership

import "testing"

func TestNICNames(t *testing.T) {
	tok := NewToken()
	if len(tok) != tokenLen {
		t.Fatalf("token %q", tok)
	}
	if NewToken() == tok {
		t.Fatal("two tokens alike")
	}
	for _, tc := range []struct {
		vm, nic string
		want    bool
	}{
		{"vm1", NICName("vm1", tok), true},
		{"VM1", "vm1-nic-0a1b2c3d", true},
		{"vm1", "vm1-nic", false},
		{"vm1", "vm10-nic-0a1b2c3d", false},
		{"vm1-nic", "vm1-nic-nic-0a1b2c3d", true},
		{"vm1", "vm1-nic-0a1b2c3", false},
		{"vm1", "vm1-nic-zzzzzzzz", false},
		{"a-nic-0a1b2c3d", "a-nic-0a1b2c3d-nic-00000000", true},
	} {
		if got := IsCreationNIC(tc.vm, tc.nic); got != tc.want {
			t.Errorf("IsCreationNIC(%q, %q) = %v", tc.vm, tc.nic, got)
		}
	}
}

func TestOfVM(t *testing.T) {
	const ours, theirs = "/x/networkInterfaces/vm-nic-00000001", "/x/networkInterfaces/vm-nic-00000002"
	for _, tc := range []struct {
		name   string
		exists bool
		nics   []string
		want   Outcome
	}{
		{"refused", false, nil, Absent},
		{"made by us", true, []string{ours}, Ours},
		{"case differs", true, []string{"/X/NETWORKINTERFACES/VM-NIC-00000001"}, Ours},
		{"made by another run", true, []string{theirs}, Theirs},
		{"no NIC read", true, nil, Theirs},
	} {
		if got := OfVM(tc.exists, tc.nics, ours); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestOfExtension(t *testing.T) {
	mine := map[string]string{TokenTag: "t1"}
	other := map[string]string{TokenTag: "t2"}
	for _, tc := range []struct {
		name            string
		exists, created bool
		tags            map[string]string
		want            Outcome
	}{
		{"refused", false, false, nil, Absent},
		{"201", true, true, other, Ours},
		{"lost answer, retried", true, false, mine, Ours},
		{"another run's install joined", true, false, other, Theirs},
		{"untagged", true, false, nil, Theirs},
	} {
		if got := OfExtension(tc.exists, tc.created, tc.tags, "t1"); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
