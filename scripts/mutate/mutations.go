package main

// mutation is a small deliberate break of the provider: one exact piece
// of a file replaced by another. Each is of a kind that a test which
// passes whatever the code does would not notice (issue 15); the tests
// named are the ones that must notice it.
type mutation struct {
	name string // what the mutation breaks
	kind string // rule off, retry off, wrong attribute, value not sent, cleanup skipped
	file string // relative to the repository's root
	// old must occur exactly once in file; it is replaced by new.
	old, new string
	tests    []testRun
}

// testRun is one go test invocation: a package and a -run pattern.
type testRun struct {
	pkg, run string
}

func (r testRun) String() string { return r.pkg + " -run '" + r.run + "'" }

var mutations = []mutation{
	{
		name: "the GPU ledger never finds a shortage",
		kind: "rule off",
		file: "internal/placement/plan.go",
		old:  "if !ok || Need(inv, r) <= 0 {",
		new:  "if !ok || Need(inv, r) <= 0 || r.GPUs >= 0 {",
		tests: []testRun{
			{"./internal/placement", "."},
			{"./internal/provider", "^TestAccGPUVM_overAllocation$"},
		},
	},
	{
		name: "an image of another OS type is not refused at plan",
		kind: "rule off",
		file: "internal/provider/resource_gpu_vm_plan.go",
		old:  "if got := img.Properties.StorageProfile.OSDisk.OSType; !strings.EqualFold(got, string(os.Type)) {",
		new:  `if got := img.Properties.StorageProfile.OSDisk.OSType; got == "no such OS type" {`,
		tests: []testRun{
			{"./internal/e2e", "^TestBadInputCorpus$"},
			{"./internal/provider", "^TestAccGPUVM_planTimeRejections$"},
		},
	},
	{
		name: "an extension version the release lacks is not refused at plan",
		kind: "rule off",
		file: "internal/provider/resource_gpu_extension_plan.go",
		old:  "if v := config.TypeHandlerVersion.ValueString(); !catalog.IsDriverHandlerVersion(t.osType, release, v) {",
		new:  `if v := config.TypeHandlerVersion.ValueString(); v == "" {`,
		tests: []testRun{
			{"./internal/e2e", "^TestBadInputCorpus$"},
			{"./internal/provider", "^TestAccGPUExtension_planTimeRejections$"},
		},
	},
	{
		name: "dropped connections are never retried",
		kind: "retry off",
		file: "internal/device/config.go",
		old:  "return !isTLSError(err) && (!errors.As(err, &dns) || !dns.IsNotFound)",
		new:  "return errors.As(err, &dns) && !dns.IsNotFound && isTLSError(err)",
		tests: []testRun{
			{"./internal/e2e", "^TestSoak$"},
			{"./internal/e2e", "^TestTransientFaults$/^drop$"},
		},
	},
	{
		name: "429 Too Many Requests is never retried",
		kind: "retry off",
		file: "internal/device/config.go",
		old:  "http.StatusRequestTimeout, http.StatusTooManyRequests, http.StatusInternalServerError,",
		new:  "http.StatusRequestTimeout, http.StatusInternalServerError,",
		tests: []testRun{
			{"./internal/e2e", "^TestTransientFaults$/^429$"},
		},
	},
	{
		name: "a VM name error is blamed on size, as \"Invalid value\"",
		kind: "wrong attribute",
		file: "internal/provider/resource_gpu_vm_plan.go",
		old:  `addProblem(&resp.Diagnostics, "Invalid VM name", catalog.CheckVMName(m.Name.ValueString()))`,
		new: `if p := catalog.CheckVMName(m.Name.ValueString()); p != nil {
			p.Attribute = "size"
			addProblem(&resp.Diagnostics, "Invalid value", p)
		}`,
		tests: []testRun{
			{"./internal/e2e", "^TestBadInputCorpus$"},
		},
	},
	{
		name: "an address in use is blamed on subnet_id, as \"Invalid value\"",
		kind: "wrong attribute",
		file: "internal/provider/resource_gpu_vm_plan.go",
		old:  `diags.AddAttributeError(path.Root("private_ip_address"), "Address in use",`,
		new:  `diags.AddAttributeError(path.Root("subnet_id"), "Invalid value",`,
		tests: []testRun{
			{"./internal/provider", "^TestAccGPUVM_planTimeRejections$"},
			{"./internal/e2e", "^TestBadInputCorpusDeviceState$"},
		},
	},
	{
		name: "an existing GPU driver on the VM is blamed on virtual_machine_id, as \"VM not found\"",
		kind: "wrong attribute",
		file: "internal/provider/resource_gpu_extension_plan.go",
		old:  `diags.AddAttributeError(path.Root("name"), "VM already has a GPU driver extension",`,
		new:  `diags.AddAttributeError(path.Root("virtual_machine_id"), "VM not found",`,
		tests: []testRun{
			{"./internal/provider", "^TestAccGPUExtension_planTimeRejections$"},
			{"./internal/e2e", "^TestBadInputCorpusDeviceState$"},
		},
	},
	{
		name: "a generation 2 image is blamed on size, as \"Image not found\"",
		kind: "wrong attribute",
		file: "internal/provider/resource_gpu_vm_plan.go",
		old:  `diags.AddAttributeError(path.Root("image_id"), "Generation 2 image for a GPU VM",`,
		new:  `diags.AddAttributeError(path.Root("size"), "Image not found",`,
		tests: []testRun{
			{"./internal/provider", "^TestAccGPUVM_planTimeRejections$"},
			{"./internal/e2e", "^TestBadInputCorpusDeviceState$"},
		},
	},
	{
		name: "the write-only admin password is replaced by another before it is sent",
		kind: "value not sent",
		file: "internal/provider/resource_gpu_vm_crud.go",
		old:  "password = config.AdminPasswordWO.ValueString()",
		new:  `password = "Replaced-Passw0rd!"`,
		tests: []testRun{
			{"./internal/provider", "^TestAccGPUVM_windowsWriteOnlyPassword$"},
		},
	},
	{
		name: "a static private IP address is not sent (the NIC gets a dynamic one)",
		kind: "value not sent",
		file: "internal/provider/resource_gpu_vm_crud.go",
		old:  `ipc.Properties.PrivateIPAllocationMethod, ipc.Properties.PrivateIPAddress = "Static", plan.PrivateIPAddress.ValueString()`,
		new:  `ipc.Properties.PrivateIPAllocationMethod = "Dynamic"`,
		tests: []testRun{
			{"./internal/provider", "^TestAccGPUVM_windowsWriteOnlyPassword$"},
		},
	},
	{
		name: "the NIC made for a VM the device refused is left behind",
		kind: "cleanup skipped",
		file: "internal/provider/resource_gpu_vm_crud.go",
		old: `if r.dropNIC(ctx, nicID, &resp.Diagnostics) && ctx.Err() == nil {
			// Not interrupted: every attempt of the VM's PUT is over`,
		new: `if ctx.Err() == nil {
			// Not interrupted: every attempt of the VM's PUT is over`,
		tests: []testRun{
			{"./internal/e2e", "^TestPermanentFaults$/^409_on_the_VM$"},
		},
	},
	{
		name: "the SSH public key is not sent on create",
		kind: "value not sent",
		file: "internal/provider/resource_gpu_vm_crud.go",
		old:  `if key := strings.TrimSpace(plan.SSHPublicKey.ValueString()); key != "" {`,
		new:  `if key := strings.TrimSpace(plan.SSHPublicKey.ValueString()); key == "no such key" {`,
		tests: []testRun{
			{"./internal/provider", "^TestAccGPUVM_linuxCredentialsReachDevice$"},
		},
	},
	{
		name: "the plain admin password is altered before it is sent",
		kind: "value not sent",
		file: "internal/provider/resource_gpu_vm_crud.go",
		old:  "password := plan.AdminPassword.ValueString()",
		new:  `password := strings.TrimSuffix(plan.AdminPassword.ValueString(), "!")`,
		tests: []testRun{
			{"./internal/provider", "^TestAccGPUVM_linuxCredentialsReachDevice$"},
		},
	},
	{
		name: "the NIC the device made is left behind when its create fails",
		kind: "cleanup skipped",
		file: "internal/provider/resource_gpu_vm_crud.go",
		old: `resp.Diagnostics.AddAttributeError(path.Root("subnet_id"), "Cannot create the VM's network interface", err.Error())
		}
		r.dropNIC(ctx, nicID, &resp.Diagnostics)`,
		new: `resp.Diagnostics.AddAttributeError(path.Root("subnet_id"), "Cannot create the VM's network interface", err.Error())
		}`,
		tests: []testRun{
			{"./internal/provider", "^TestAccGPUVM_nicMadeDespiteFailureIsDeleted$"},
		},
	},
	{
		name: "the GPU ledger wait for the rest of the plan ends at once",
		kind: "rule off",
		file: "internal/provider/ledger_wait.go",
		old:  "for time.Since(start) < ledgerMaxWait {",
		new:  "for time.Since(start) < 0 {",
		tests: []testRun{
			{"./internal/provider", "^TestWaitForLedgerSeesLaterDeletion$"},
			{"./internal/provider", "^TestAccGPUVM_deletionPlannedLaterMakesRoom$"},
		},
	},
	{
		name: "destroy leaves the GPU driver extension on the device",
		kind: "cleanup skipped",
		file: "internal/provider/resource_gpu_extension_crud.go",
		old:  "if _, err := device.Await(r.pd.client.BeginDeleteExtension(ctx, state.ID.ValueString())); err != nil && !errors.Is(err, device.ErrNotFound) {",
		new:  "if err := ctx.Err(); err != nil && !errors.Is(err, device.ErrNotFound) {",
		tests: []testRun{
			{"./internal/provider", "^TestAccGPUExtension_destroyDeletesExtension$"},
		},
	},
	{
		name: "an installed GPU driver extension is recorded as planned, not as the device has it",
		kind: "value not sent",
		file: "internal/provider/resource_gpu_extension_crud.go",
		old:  "fillExtension(&plan, installed)",
		new:  "_ = installed",
		tests: []testRun{
			{"./internal/provider", "^TestAccGPUExtension_linux$"},
		},
	},
	{
		name: "the GPU driver extension's install ends with a read without its instance view",
		kind: "value not sent",
		file: "internal/device/resources.go",
		old:  `ext, "installing extension "+id, c.extensionURL(id))`,
		new:  `ext, "installing extension "+id, "")`,
		tests: []testRun{
			{"./internal/device", "^TestPutExtensionEndsWithInstanceViewRead$"},
			{"./internal/e2e", "^TestRequestCounts$"},
		},
	},
	{
		name: "a deleted VM's OS disk is left behind",
		kind: "cleanup skipped",
		file: "internal/provider/resource_gpu_vm_crud.go",
		old: `for _, disk := range disks {
		if err := wait(c.BeginDeleteDisk(ctx, disk)); err != nil {`,
		new: `for _, disk := range disks[:0] {
		if err := wait(c.BeginDeleteDisk(ctx, disk)); err != nil {`,
		tests: []testRun{
			{"./internal/provider", "^TestAccGPUVM_linuxLifecycle$"},
		},
	},
	{
		name: "a run keeps offering what it read before it changed the device",
		kind: "stale read",
		file: "internal/runcache/runcache.go",
		old:  "c.write(changedKey, entry{Key: changedKey, Read: c.now(), Value: json.RawMessage(\"null\")})",
		new:  "_ = entry{Key: changedKey, Read: c.now(), Value: json.RawMessage(\"null\")}",
		tests: []testRun{
			{"./internal/runcache", "^TestChangedVoidsEarlierEntriesOnly$"},
			{"./internal/e2e", "^TestApplyRereadsAfterAnotherAliasChanged$"},
		},
	},
	{
		name: "an apply waiting for approval plans again with the reads of its plan",
		kind: "stale read",
		file: "internal/runcache/runid.go",
		old:  `if command != "apply" && command != "destroy" {`,
		new:  `if command == "" {`,
		tests: []testRun{
			{"./internal/runcache", "^TestUnattended$"},
		},
	},
	{
		name: "an approved apply shares the reads of its plan",
		kind: "stale read",
		file: "internal/runcache/runid.go",
		old:  "\treturn auto\n}",
		new:  "\treturn auto || command != \"\"\n}",
		tests: []testRun{
			{"./internal/runcache", "^TestUnattended$"},
			{"./internal/e2e", "^TestApprovedApplyRereads$"},
		},
	},
	{
		name: "a change through one alias leaves the other aliases' reads offered",
		kind: "stale read",
		file: "internal/runcache/runcache.go",
		old:  `return filepath.Join(c.dir, c.run+"-changed.json")`,
		new:  `return filepath.Join(c.dir, c.prefix+"-changed.json")`,
		tests: []testRun{
			{"./internal/runcache", "^TestChangedVoidsEarlierEntriesOnly$"},
			{"./internal/e2e", "^TestApplyRereadsAfterAnotherAliasChanged$"},
		},
	},
	{
		name: "an apply plans a resource after a long wait with the reads of its plan",
		kind: "stale read",
		file: "internal/provider/plansession.go",
		old:  "const runShareWindow = 10 * time.Second",
		new:  "const runShareWindow = 10 * time.Hour",
		tests: []testRun{
			{"./internal/provider", "^TestRememberTakesRunReadsOnlyAtTheStart$"},
			{"./internal/e2e", "^TestApplyPlanAfterAWaitRereads$"},
		},
	},
	{
		name: "another option's value is read as -auto-approve",
		kind: "stale read",
		file: "internal/runcache/runid.go",
		old:  "\t\t\ti++ // its value is the next argument, whatever it looks like",
		new:  "\t\t\t// its value is the next argument, whatever it looks like",
		tests: []testRun{
			{"./internal/runcache", "^TestUnattended$"},
		},
	},
	{
		name: "every run shares its reads with every other",
		kind: "stale read",
		file: "internal/runcache/runid_linux.go",
		old:  `return strings.TrimSpace(string(boot)) + ":" + strconv.Itoa(ppid) + ":" + start, true`,
		new:  `return strings.TrimSpace(string(boot)) + start[:0], true`,
		tests: []testRun{
			{"./internal/e2e", "^TestAnotherRunReadsTheDeviceAgain$"},
		},
	},
	{
		name: "a create's sweep of the VM's subnet deletes none of the NICs interrupted creates left there",
		kind: "cleanup skipped",
		file: "internal/provider/leftover_nics.go",
		old:  "ids = append(ids, leftoverCreationNICs([]device.NetworkInterface{nic}, rg, vmName, keep)...)",
		new:  "ids = append(ids, leftoverCreationNICs([]device.NetworkInterface{nic}, rg, vmName, keep)[:0]...)",
		tests: []testRun{
			{"./internal/e2e", "^TestLeftoverNICInSubnetIsSweptWithoutAList$"},
		},
	},
	{
		name: "a create's sweep of the VM's subnet takes a NIC a VM holds for a leftover",
		kind: "rule off",
		file: "internal/provider/leftover_nics.go",
		old:  "ids = append(ids, leftoverCreationNICs([]device.NetworkInterface{nic}, rg, vmName, keep)...)",
		new:  "ids = append(ids, nic.ID)",
		tests: []testRun{
			{"./internal/e2e", "^TestAttachedCreationNICInSubnetIsKept$"},
		},
	},
	{
		name: "a create that swept only its subnet records that no leftover NIC is left anywhere",
		kind: "cleanup skipped",
		file: "internal/provider/lifecycle.go",
		old:  "return deleted, err == nil && whole && deleted == len(left)",
		new:  "return deleted, err == nil && (whole || !whole) && deleted == len(left)",
		tests: []testRun{
			{"./internal/e2e", "^TestLeftoverNICInFormerSubnetIsDestroyedWithoutRefresh$"},
		},
	},
	{
		name: "a VM of this state's name that another run made is adopted",
		kind: "rule off",
		file: "internal/provider/lifecycle.go",
		old:  "\tif nicID == \"\" {\n\t\treturn true\n\t}",
		new:  "\tif nicID != \"no such NIC\" {\n\t\treturn true\n\t}",
		tests: []testRun{
			{"./internal/e2e", "^TestSameNamesMadeAgainByAnotherRunAreNotAdopted$"},
		},
	},
}
