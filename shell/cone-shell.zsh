# cone-shell zsh integration: eval "$(cone-shell init zsh)"
# shellcheck shell=zsh disable=SC2034
if [ -z "${__cone_shell_loaded-}" ]; then
	__cone_shell_loaded=1
	__cone_shell_bin=@CONE_SHELL_BIN@
fi
