// The files layer lives in ConeShellBase so that the small `cone-shell` launcher can
// answer credential_process from the cache without linking the rest; to everyone
// else it is part of ConeShellKit.
@_exported import ConeShellBase
