# cone-shell fish integration. Load it from ~/.config/fish/config.fish with:
#   cone-shell init fish | source
#
# Public: the `aws` wrapper, `cone_shell_prompt`, the CONE_SHELL_PROMPT and
# CONE_SHELL_LAST_PROFILE variables. Every other name starts with __cone_shell.
# Helpers are `--no-scope-shadowing` and set variables their caller declared
# local, so nothing here starts a process on a prompt: fish has no clock, so the
# time is the grants file's mtime plus its age (`path mtime --relative`).

set -g __cone_shell_bin @CONE_SHELL_BIN@

# -- state files ---------------------------------------------------------------

# Sets `dir` to the state directory, as the binary resolves it.
function __cone_shell_state_dir --no-scope-shadowing
    if test -n "$CONE_SHELL_STATE_DIR"
        set dir $CONE_SHELL_STATE_DIR
        if string match -q -- '~' $dir; or string match -q -- '~/*' $dir
            set dir "$HOME"(string sub -s 2 -- $dir)
        end
    else if string match -q -- '/*' "$XDG_STATE_HOME"
        set dir $XDG_STATE_HOME/cone-shell
    else
        set dir $HOME/.local/state/cone-shell
    end
end

# Reads `$dir/grants` for profile $argv[1], as the binary parses it. Sets `now`
# (0 without the file), `written` (0 when unknown), `state` (active, pending or
# empty; an expired grant is empty), `expires` (0: no expiry), `task` and
# `others` (the number of active grants of other profiles). A missing or corrupt
# file reads as empty.
function __cone_shell_read_grants --no-scope-shadowing
    set now 0
    set written 0
    set state
    set expires 0
    set task
    set others 0
    test -f $dir/grants; and test -r $dir/grants; or return 0
    set now (math (builtin path mtime -- $dir/grants) + (builtin path mtime --relative -- $dir/grants))
    read -z -l text <$dir/grants 2>/dev/null
    set -l lines (string split -n -- \n $text)
    set -l header (string match -r -g -- '^written\t([^\t]*)$' $lines[1])
    and set -e lines[1]
    string match -qr -- '^[0-9]+$' "$header"; and set written $header
    # One match for every line: four fields, a profile and a known state.
    set -l fields (string match -r -g -- '^([^\t]+)\t(active|pending|none)\t([^\t]*)\t([^\t]*)$' $lines)
    set -l found
    set -l active
    while set -q fields[4]
        set -l e $fields[3]
        string match -qr -- '^[0-9]+$' $e; or set e 0
        if test "$fields[1]" = "$argv[1]"
            if test -z "$found"
                set found 1
                if test $fields[2] = active; and test $e -eq 0 -o $e -gt $now
                    set state active
                    set expires $e
                else if test $fields[2] = pending
                    set state pending
                    test "$fields[4]" = -; or set task $fields[4]
                end
            end
        else if test $fields[2] = active; and test $e -eq 0 -o $e -gt $now
            set -a active $fields[1]
        end
        set -e fields[1..4]
    end
    # (count with no argument would read stdin.)
    set -q active[1]; and set others (builtin count $active)
    return 0
end

# True when profile $argv[1] is listed in `$dir/profiles`.
function __cone_shell_is_managed --no-scope-shadowing
    test -f $dir/profiles; and test -r $dir/profiles; or return 1
    read -z -l lines <$dir/profiles 2>/dev/null
    string match -q -- "*"\n"$argv[1]"\t"*" \n$lines
end

# -- prompt --------------------------------------------------------------------

# Replaces the placeholders in $argv[1] and sets `out`.
function __cone_shell_expand --no-scope-shadowing
    set -l t $task
    test -n "$t"; or set t '?'
    set out "$argv[1]"
    string match -q -- '*{profile}*' $out; and set out (string replace -a -- '{profile}' $profile $out)
    string match -q -- '*{minutes}*' $out; and set out (string replace -a -- '{minutes}' $minutes $out)
    string match -q -- '*{left}*' $out; and set out (string replace -a -- '{left}' $left $out)
    string match -q -- '*{task}*' $out; and set out (string replace -a -- '{task}' $t $out)
    string match -q -- '*{count}*' $out; and set out (string replace -a -- '{count}' $others $out)
    set out "$out"
end

# Sets CONE_SHELL_PROMPT to the segment for the current profile. With
# $argv[1] set, also starts a background refresh when the grants file is stale.
function __cone_shell_update
    set -l dir
    set -l now
    set -l written
    set -l state
    set -l expires
    set -l task
    set -l others
    set -l out
    set -l main
    set -l rest
    set -l minutes ∞
    set -l left ∞
    set -l color
    set -l profile $AWS_PROFILE
    test -n "$profile"; or set profile $AWS_DEFAULT_PROFILE
    test -n "$profile"; or set profile $CONE_SHELL_LAST_PROFILE
    set profile "$profile"
    __cone_shell_state_dir
    __cone_shell_read_grants $profile
    if test -n "$argv[1]"
        __cone_shell_maybe_refresh
        # For `cone-shell doctor`: the hook still runs in this shell (the time
        # comes from the grants file, so it is unknown without one).
        set -l seen $now
        test "$now" -gt 0; or set seen
        set -gx __cone_shell_marker "fish $fish_pid prompt $seen"
    end
    set -q CONE_SHELL_PROMPT_COLOR
    and builtin contains -- (string lower -- "$CONE_SHELL_PROMPT_COLOR") 1 true yes on
    and set color 1
    if test "$state" = active
        if test $expires -gt 0
            set -l m (math "floor(($expires - $now + 59) / 60)")
            set minutes $m
            if test $m -lt 60
                set left {$m}m
            else
                set -l rest (math "$m % 60")
                test $rest -lt 10; and set rest 0$rest
                set left (math "floor($m / 60)")h{$rest}m
            end
        end
        if set -q CONE_SHELL_PROMPT_ACTIVE
            __cone_shell_expand "$CONE_SHELL_PROMPT_ACTIVE"
        else
            __cone_shell_expand 'aws:{profile} {left}'
        end
        set main $out
        if test -n "$color"
            set color 32
            test -n "$CONE_SHELL_PROMPT_COLOR_ACTIVE"; and set color $CONE_SHELL_PROMPT_COLOR_ACTIVE
        end
    else if test "$state" = pending
        if set -q CONE_SHELL_PROMPT_PENDING
            __cone_shell_expand "$CONE_SHELL_PROMPT_PENDING"
        else
            __cone_shell_expand 'aws:{profile} ⧗#{task}'
        end
        set main $out
        if test -n "$color"
            set color 33
            test -n "$CONE_SHELL_PROMPT_COLOR_PENDING"; and set color $CONE_SHELL_PROMPT_COLOR_PENDING
        end
    else
        set color
    end
    if test -n "$color"; and test -n "$main"
        set main \e\[{$color}m$main\e\[0m
    end
    if test $others -gt 0
        if test -z "$main"
            if set -q CONE_SHELL_PROMPT_NONE
                __cone_shell_expand "$CONE_SHELL_PROMPT_NONE"
            else
                __cone_shell_expand aws
            end
            set main $out
        end
        if set -q CONE_SHELL_PROMPT_OTHERS
            __cone_shell_expand "$CONE_SHELL_PROMPT_OTHERS"
        else
            __cone_shell_expand '+{count}'
        end
        set rest $out
    end
    if test -n "$main"; and test -n "$rest"
        set -g CONE_SHELL_PROMPT "$main $rest"
    else
        set -g CONE_SHELL_PROMPT "$main$rest"
    end
end

# Starts `cone-shell status --quiet` in the background when the grants file is
# older than CONE_SHELL_REFRESH_SECONDS (default 300; 0 turns refreshing off):
# at most once per interval in this shell and, through a time stamp in the state
# directory, across shells. This is the only place a prompt may start a process.
function __cone_shell_maybe_refresh --no-scope-shadowing
    set -l interval 300
    string match -qr -- '^[0-9]+$' "$CONE_SHELL_REFRESH_SECONDS"; and set interval (math $CONE_SHELL_REFRESH_SECONDS)
    test $interval -gt 0; and test (math $now - $written) -ge $interval; or return 0
    test -f $dir/grants; or return 0
    set -q __cone_shell_refreshed; or set -g __cone_shell_refreshed 0
    test (math $now - $__cone_shell_refreshed) -ge $interval; or return 0
    set -g __cone_shell_refreshed $now
    set -l stamp 0
    if test -r $dir/prompt-refresh
        read -l line <$dir/prompt-refresh 2>/dev/null
        string match -qr -- '^[0-9]+$' "$line"; and set stamp (math $line)
    end
    test (math $now - $stamp) -ge $interval; or return 0
    echo $now >$dir/prompt-refresh 2>/dev/null; or return 0
    # sh starts it and exits: fish has no job to report, and no zombie is left.
    command sh -c '"$0" status --quiet </dev/null >/dev/null 2>&1 &' $__cone_shell_bin
end

# Prints the prompt segment (nothing when there is nothing to show).
function cone_shell_prompt --description 'Print the cone-shell prompt segment'
    __cone_shell_update ''
    printf '%s' $CONE_SHELL_PROMPT
end

# Says once per shell when the prompt hook is gone (erased after the init
# defined it): the segment no longer updates. CONE_SHELL_DOCTOR=0 turns this off.
function __cone_shell_doctor
    set -q __cone_shell_doctor_done; and return 0
    test "$CONE_SHELL_DOCTOR" != 0; and status is-interactive; or return 0
    functions -q __cone_shell_hook; and return 0
    set -g __cone_shell_doctor_done 1
    echo "cone-shell: the prompt hook __cone_shell_hook is gone, so the prompt segment no longer updates." >&2
    echo "cone-shell: load `cone-shell init fish | source` last in ~/.config/fish/config.fish (CONE_SHELL_DOCTOR=0 hides this)." >&2
end

# -- the aws wrapper -----------------------------------------------------------

# Returns 0 when aws may run now: the invocation needs no credentials, the
# profile is not cone-managed or has an active grant, there is no terminal to
# ask on, or `cone-shell request` got access. Otherwise returns request's status.
# fish's own aws completions run `aws s3 ls` in a command substitution: those
# never start a request.
function __cone_shell_before_aws
    set -q argv[1]; or return 0
    test "$argv[-1]" != help; or return 0
    set -l profile
    set -l command
    set -l expect
    set -l skip
    set -l justification aws
    for arg in $argv
        set justification "$justification $arg"
        if test -n "$expect"
            set profile $arg
            set expect
            continue
        else if test -n "$skip"
            set skip
            continue
        end
        switch $arg
            case --profile
                set expect 1
            case '--profile=*'
                set profile (string sub -s 11 -- $arg)
            case --version --no-sign-request
                return 0
            case --region --output --endpoint-url --query --ca-bundle --color \
                --cli-read-timeout --cli-connect-timeout --cli-binary-format
                test -n "$command"; or set skip 1
            case '-*'
            case '*'
                test -n "$command"; or set command $arg
        end
    end
    builtin contains -- "$command" '' help configure; and return 0
    # AWS CLI v2's order: AWS_PROFILE wins over AWS_DEFAULT_PROFILE.
    test -n "$profile"; or set profile $AWS_PROFILE
    test -n "$profile"; or set profile $AWS_DEFAULT_PROFILE
    test -n "$profile"; or set profile default
    set -l dir
    set -l now
    set -l written
    set -l state
    set -l expires
    set -l task
    set -l others
    __cone_shell_state_dir
    __cone_shell_read_grants $profile
    if test "$state" != active
        __cone_shell_is_managed $profile; or return 0
    end
    set -gx CONE_SHELL_LAST_PROFILE $profile
    test "$state" != active; and test -t 0; and test -t 2; or return 0
    status is-command-substitution; and return 0
    set -q CONE_SHELL_JUSTIFICATION; and test -n "$CONE_SHELL_JUSTIFICATION"
    and set justification $CONE_SHELL_JUSTIFICATION
    command $__cone_shell_bin request $profile --wait --justification $justification
end

function __cone_shell_aws
    __cone_shell_doctor
    if test "$CONE_SHELL_WRAP" != 0
        if not functions -q __cone_shell_user_aws; and not command -q aws
            echo "cone-shell: aws: command not found (install the AWS CLI)" >&2
            return 127
        end
        __cone_shell_before_aws $argv; or return
    end
    if functions -q __cone_shell_user_aws
        __cone_shell_user_aws $argv
    else
        command aws $argv
    end
end

# An `aws` function (or alias) defined before init keeps working: it is what
# runs aws.
if functions -q aws; and not string match -q -- '*__cone_shell_aws*' (functions aws)
    functions -e __cone_shell_user_aws
    functions -c aws __cone_shell_user_aws
end

function aws --description 'aws, with cone-shell requesting access first when needed'
    __cone_shell_aws $argv
end

# -- completion ----------------------------------------------------------------

# Prints `name<TAB>account role` for the profiles that start with the token being
# completed (filtered here: fish would take ~100 ms to sort through 5,000), with
# the grant in the description and active grants first.
function __cone_shell_complete_profiles
    set -l dir
    set -l now
    __cone_shell_state_dir
    test -r $dir/profiles; or return 0
    set -l token (string replace -r -- '^--profile=' '' (commandline -ct))
    set -l start (string escape --style=regex -- "$token")
    set -l items (string replace -rf -- '(?i)^('$start'[^\t]*)\t([^\t]*)\t([^\t]*).*$' '$1\t$2 $3' <$dir/profiles)
    set -q items[1]; or return 0
    set -l names (string replace -r -- '\t.*' '' $items)
    set -l first
    if test -r $dir/grants
        set now (math (builtin path mtime -- $dir/grants) + (builtin path mtime --relative -- $dir/grants))
        read -z -l text <$dir/grants 2>/dev/null
        set -l fields (string match -r -g -- '^([^\t]+)\t(active|pending|none)\t([^\t]*)\t([^\t]*)$' (string split -n -- \n $text))
        while set -q fields[4]
            set -l i (builtin contains -i -- $fields[1] $names)
            if test -n "$i"
                set -l note
                if test $fields[2] = pending
                    set note "pending ⧗#$fields[4]"
                else if test $fields[2] = active; and test "$fields[3]" = 0
                    set note active
                else if test $fields[2] = active; and string match -qr -- '^[0-9]+$' $fields[3]; and test $fields[3] -gt $now
                    set note "active "(math "floor(($fields[3] - $now + 59) / 60)")m
                end
                if test -n "$note"
                    set -a first "$items[$i] ($note)"
                    set -e items[$i]
                    set -e names[$i]
                end
            end
            set -e fields[1..4]
        end
    end
    string join -- \n $first $items
end

# aws_completer's answers for every other word.
function __cone_shell_aws_completer
    set -l line (commandline -cp)
    COMP_LINE=$line COMP_POINT=(string length -- "$line") command aws_completer 2>/dev/null
end

# cone-shell's own completion is the binary's (swift-argument-parser's), loaded
# on the first TAB, which it then answers.
function __cone_shell_complete_cone_shell
    complete -c cone-shell -e
    command $__cone_shell_bin --generate-completion-script fish 2>/dev/null | source
    complete -C (commandline -cp)
end

if status is-interactive
    # fish cannot erase just this entry, so it is added once per shell.
    if not set -q __cone_shell_completer_added
        set -g __cone_shell_completer_added 1
        complete -c aws -f -n 'command -q aws_completer' -a '(__cone_shell_aws_completer)'
    end
    complete -c aws -e -l profile
    complete -c aws -l profile -x -k -d 'cone-managed profile' -a '(__cone_shell_complete_profiles)'
    if not builtin path is -f -- $fish_complete_path/cone-shell.fish
        complete -c cone-shell -e
        complete -c cone-shell -f -a '(__cone_shell_complete_cone_shell)'
    end

    # For `cone-shell doctor`, which cannot see this shell's functions: the hook
    # changes `init` to `prompt` (see __cone_shell_update).
    string match -q -- "fish $fish_pid *" "$__cone_shell_marker"
    or set -gx __cone_shell_marker "fish $fish_pid init"

    # Keeps CONE_SHELL_PROMPT current. An event handler cannot change $status.
    function __cone_shell_hook --on-event fish_prompt
        __cone_shell_update refresh
    end
end
