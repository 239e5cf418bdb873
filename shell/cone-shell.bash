# cone-shell bash integration: eval "$(cone-shell init bash)"
# shellcheck shell=bash disable=SC2034
if [ -z "${__cone_shell_loaded-}" ]; then
	__cone_shell_loaded=1
	__cone_shell_bin=@CONE_SHELL_BIN@
fi
