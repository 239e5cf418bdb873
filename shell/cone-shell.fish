# cone-shell fish integration: cone-shell init fish | source
if not set -q __cone_shell_loaded
    set -g __cone_shell_loaded 1
    set -g __cone_shell_bin @CONE_SHELL_BIN@
end
