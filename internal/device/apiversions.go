package device

// API versions the client asks for, pinned in one place. They are those of
// the device's Azure Stack profiles [TPL, CLI]: profile 2019-03-01-hybrid
// for Compute and Resources, 2018-03-01-hybrid's Network (the device has
// no other); DataBoxEdge 2022-03-01, the first with deviceCapacityInfo [DBE].
const (
	apiMetadata      = "2015-01-01"
	apiSubscriptions = "2016-06-01"
	apiResources     = "2018-05-01"
	apiCompute       = "2017-12-01"
	apiNetwork       = "2017-10-01"
	apiDataBoxEdge   = "2022-03-01"
)
