package device

// Location is the one location of a device's local Azure Resource Manager
// [CONN]: every resource made there names it.
const Location = "dbelocal"
