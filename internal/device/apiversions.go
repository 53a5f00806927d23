package device

// API versions the client asks for, pinned in one place. They are those of
// the device's Azure Stack profiles [TPL, CLI]: profile 2019-03-01-hybrid
// for Compute and Resources, 2018-03-01-hybrid's Network (the device has
// no other); DataBoxEdge 2022-03-01, the first with deviceCapacityInfo [DBE].
// Managed disks have their own version in every profile: 2017-03-30 in
// 2019-03-01-hybrid (Compute has no 2017-12-01 disks API).
const (
	apiMetadata      = "2015-01-01"
	apiSubscriptions = "2016-06-01"
	apiResources     = "2018-05-01"
	apiCompute       = "2017-12-01"
	apiDisks         = "2017-03-30"
	apiNetwork       = "2017-10-01"
	apiDataBoxEdge   = "2022-03-01"

	// apiImages reads images at profile 2020-09-01-hybrid's Compute, the
	// device's profile for the Az modules [CONN]: Compute's ImageProperties
	// has hyperVGeneration only from 2019-03-01, so at 2017-12-01 a
	// generation 2 image could not be told from a generation 1 one.
	apiImages = "2020-06-01"

	// apiComputeStatusOnly lists the VMs' run-time status: Compute's
	// ListAll takes statusOnly from 2020-06-01 (profile
	// 2020-09-01-hybrid); 2017-12-01's takes no parameter but api-version.
	apiComputeStatusOnly = "2020-06-01"
)
