# cone-shell fish integration. Load it from ~/.config/fish/config.fish with:
#   cone-shell init fish | source
#
# Public: the `aws` wrapper, `cone_shell_prompt`, the CONE_SHELL_PROMPT and
# CONE_SHELL_LAST_PROFILE variables. Every other name starts with __cone_shell.
# Helpers are `--no-scope-shadowing` and set variables their caller declared
# local, so nothing here starts a process on a prompt: fish has no clock, so the
# time is the grants file's mtime plus its age (`path mtime --relative`).
#
# Every builtin costs fish tens of microseconds, so the prompt keeps the segment it
# computed until something it shows can change (see __cone_shell_update).

set -g __cone_shell_bin @CONE_SHELL_BIN@
# The prompt's kept segment (mtime, until, segment) and the last background refresh.
set -g __cone_shell_kept 0 0 ''
set -q __cone_shell_refreshed; or set -g __cone_shell_refreshed 0

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

# Reads `$dir/grants` for profile $argv[1] at time `now` by the rule the binary
# follows (GrantsFile.swift):
#   - the file is split into lines at newlines, each line ends at its first NUL
#     byte (as bash reads it), and empty lines are skipped;
#   - the first line is the header when it is `written<TAB>VALUE`: written is VALUE
#     when that is 1 to 18 digits, else 0;
#   - any other line counts only when it is PROFILE<TAB>STATE<TAB>EXPIRES<TAB>TASK
#     exactly, with no control character anywhere (C0, DEL, C1), PROFILE not
#     empty, STATE active or pending (`none` lines are skipped), EXPIRES 1 to 18
#     digits (0: no expiry) and TASK `-` or digits;
#   - a profile's grant is its first line that counts.
#
# Sets `written` (0 when unknown), `state` (active, pending or empty; an expired
# grant is empty), `expires` (0: no expiry), `task` (digits or empty) and, with
# $argv[2] set, `others` (the number of active grants of other profiles) and
# `until` (when the first of the active grants ends; 0: none does). A missing or
# corrupt file reads as empty. Linear: a few passes of `string` over the lines.
function __cone_shell_read_grants --no-scope-shadowing
    set written 0
    set state
    set expires 0
    set task
    set others 0
    set until 0
    set -l file $dir/grants
    test -O "$dir" -a -f $file -a ! -L $file -a -O $file -a -r $file; or return 0
    set -l lines (string replace -r -- '\x00.*' '' <$file | string match -v -- '')
    if string match -qr -- '^written\t[^\t]*$' "$lines[1]"
        string match -qr -- '^written\t[0-9]{1,18}$' $lines[1]
        and set written (string sub -s 9 -- $lines[1])
        set -e lines[1]
    end
    set -l valid (string match -r -- '^[^\t\x00-\x1f\x7f-\x9f]+\t(?:active|pending)\t[0-9]{1,18}\t(?:-|[0-9]+)$' $lines)
    set -q valid[1]; or return 0
    # The profile's first line: its name compared as a string, never as a pattern.
    set -l i (contains -i -- "$argv[1]" (string replace -r -- '\t.*' '' $valid))
    if test -n "$i"
        set -l f (string split -- \t $valid[$i])
        if test $f[2] = active; and test $f[3] -eq 0 -o $f[3] -gt $now
            set state active
            set expires $f[3]
        else if test $f[2] = pending
            set state pending
            test $f[4] = -; or set task $f[4]
        end
    end
    set -q argv[2]; or return 0
    # The other profiles' active grants that have not ended.
    set -l name (string escape --style=regex -- "$argv[1]")
    set -l live
    set -l ends
    # (Grants that end more than ten years on are left out of `until`: math,
    # which works in doubles, refuses numbers that large.)
    set -l horizon (math $now + 315360000)
    for e in (string match -re -- '^[^\t]+\tactive\t' $valid | string match -rv -- "^$name\t" | string split -f 3 -- \t)
        if test $e -gt $now
            set -a live $e
            test $e -gt $horizon; or set -a ends $e
        else if test $e -eq 0
            set -a live $e
        end
    end
    set -q live[1]; and set others (count $live)
    test "$state" = active -a $expires -gt 0 -a $expires -le $horizon; and set -a ends $expires
    set -q ends[1]; and set until (math "min("(string join , -- $ends)")")
    return 0
end

# True when profile $argv[1] is listed in `$dir/profiles`: a line that starts with
# it and a tab. The name is matched as a string, never as a pattern: `prod*` is
# not managed because a `prod-admin` is. The names are kept in memory until
# `profiles-stamp`, which the binary rewrites after each new index, changes: a
# call reads one short line, not the whole index. Each name is a variable
# (`__cone_shell_m_` and the name escaped): fish has no hash table, and a list
# or a string of 5,000 names takes milliseconds to search.
set -g __cone_shell_managed_stamp ''
set -g __cone_shell_managed_vars
function __cone_shell_is_managed --no-scope-shadowing
    set -l file $dir/profiles
    test -O "$dir" -a -f $file -a ! -L $file -a -O $file -a -r $file; or return 1
    set -l stamp ''
    set -l stampfile $dir/profiles-stamp
    if test -f $stampfile -a ! -L $stampfile -a -O $stampfile
        read stamp <$stampfile 2>/dev/null
    end
    if test -z "$stamp"
        read -z -l text <$file 2>/dev/null
        string match -qr -- '(?m)^'(string escape --style=regex -- "$argv[1]")'\t' $text
        return
    end
    if test "$stamp" != "$__cone_shell_managed_stamp"
        set -q __cone_shell_managed_vars[1]; and set -eg $__cone_shell_managed_vars
        set -l names (string match -r -- '^[^\t]+(?=\t)' <$file 2>/dev/null)
        set -g __cone_shell_managed_vars __cone_shell_m_(string escape --style=var -- $names)
        for name in $__cone_shell_managed_vars
            set -g $name 1
        end
        set -g __cone_shell_managed_stamp $stamp
    end
    set -q __cone_shell_m_(string escape --style=var -- "$argv[1]")
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
#
# The segment is kept, with the grants file's mtime, until the first moment it
# could change: a minute of the current grant going by, a grant ending, the
# refresh falling due. A prompt before then only looks at the file's mtime and
# age (a file changed within the last two seconds is read anew: mtimes count
# whole seconds, and it may change again within the same one).
function __cone_shell_update
    set -l profile $AWS_PROFILE
    test -n "$profile"; or set profile $AWS_DEFAULT_PROFILE
    test -n "$profile"; or set profile $CONE_SHELL_LAST_PROFILE
    set profile "$profile"
    set -l dir
    __cone_shell_state_dir
    set -l file $dir/grants
    if not test -O "$dir" -a -f $file -a ! -L $file -a -O $file -a -r $file
        # No grants (or none to trust): nothing to show. For `cone-shell doctor`:
        # the hook still runs in this shell (the time comes from the grants file,
        # so it is unknown without one).
        test -n "$argv[1]"; and set -gx __cone_shell_marker "fish $fish_pid prompt"
        set -g CONE_SHELL_PROMPT ''
        return
    end
    set -l mtime
    set -l age
    path mtime -- $file | read mtime
    path mtime --relative -- $file | read age
    set -l now (math $mtime + $age)
    test -n "$argv[1]"; and set -gx __cone_shell_marker "fish $fish_pid prompt $now"
    set -l interval 300
    string match -qr -- '^[0-9]{1,9}$' "$CONE_SHELL_REFRESH_SECONDS"; and set interval $CONE_SHELL_REFRESH_SECONDS
    # Everything the segment depends on besides the time and the file; a format
    # set to nothing (hidden) differs from one not set (the default).
    set -l key \x1fP$profile \x1fD$dir \x1fA$CONE_SHELL_PROMPT_ACTIVE \x1fB$CONE_SHELL_PROMPT_PENDING \
        \x1fC$CONE_SHELL_PROMPT_OTHERS \x1fE$CONE_SHELL_PROMPT_NONE \x1fF$CONE_SHELL_PROMPT_COLOR \
        \x1fG$CONE_SHELL_PROMPT_COLOR_ACTIVE \x1fH$CONE_SHELL_PROMPT_COLOR_PENDING \x1fI$interval \
        \x1fJ$CONE_SHELL_PROMPT_EXPIRING \x1fK$CONE_SHELL_PROMPT_COLOR_EXPIRING \x1fL$CONE_SHELL_PROMPT_WARN
    if test $age -ge 2 -a "$mtime" = $__cone_shell_kept[1] -a $now -lt $__cone_shell_kept[2] -a "$key" = "$__cone_shell_kept_key"
        set -g CONE_SHELL_PROMPT "$__cone_shell_kept[3]"
        return
    end
    set -l written
    set -l state
    set -l expires
    set -l task
    set -l others
    set -l until
    set -l out
    set -l main
    set -l rest
    set -l minutes ∞
    set -l left ∞
    set -l color
    set -l expiring
    set -l warn 10
    string match -qr -- '^[0-9]{1,9}$' "$CONE_SHELL_PROMPT_WARN"; and set warn (math $CONE_SHELL_PROMPT_WARN)
    __cone_shell_read_grants $profile count
    test -n "$argv[1]"; and __cone_shell_maybe_refresh
    # A control character in the profile (from the environment or the command
    # line) would reach the terminal: it shows as U+FFFD.
    set profile (string replace -ra -- '[\x00-\x1f\x7f-\x9f]' \uFFFD "$profile")
    set -q CONE_SHELL_PROMPT_COLOR
    and builtin contains -- (string lower -- "$CONE_SHELL_PROMPT_COLOR") 1 true yes on
    and set color 1
    if test "$state" = active
        # Minutes left; a grant that ends more than ten years on shows ∞, as one
        # without an end (and math, which works in doubles, refuses such numbers).
        if test $expires -gt 0 -a $expires -le (math $now + 315360000)
            set -l m (math "floor(($expires - $now + 59) / 60)")
            set minutes $m
            if test $m -lt 60
                set left {$m}m
            else
                set -l rest (math "$m % 60")
                test $rest -lt 10; and set rest 0$rest
                set left (math "floor($m / 60)")h{$rest}m
            end
            # The next minute to go by changes the segment.
            set -l next (math "$expires - 60 * $m + 60")
            test $until -gt 0 -a $until -lt $next; or set until $next
            # Ending within CONE_SHELL_PROMPT_WARN minutes.
            test $m -le $warn; and set expiring 1
        end
        if test -n "$expiring"
            if set -q CONE_SHELL_PROMPT_EXPIRING
                __cone_shell_expand "$CONE_SHELL_PROMPT_EXPIRING"
            else
                __cone_shell_expand 'aws:{profile} ⚠{left}'
            end
        else if set -q CONE_SHELL_PROMPT_ACTIVE
            __cone_shell_expand "$CONE_SHELL_PROMPT_ACTIVE"
        else
            __cone_shell_expand 'aws:{profile} {left}'
        end
        set main $out
        if test -n "$color" -a -n "$expiring"
            set color 31
            test -n "$CONE_SHELL_PROMPT_COLOR_EXPIRING"; and set color $CONE_SHELL_PROMPT_COLOR_EXPIRING
        else if test -n "$color"
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
    # Kept only for a file at least two seconds old, until the next change: a
    # grant ending, a minute going by, or the next refresh falling due (the grants
    # file's age, or this shell's last refresh, reaching the interval).
    set -g __cone_shell_kept 0 0 ''
    test $age -ge 2; or return
    if test $interval -gt 0
        set -l since $written
        test $written -le $now; or set since $now
        test $since -ge $__cone_shell_refreshed; or set since $__cone_shell_refreshed
        set -l due (math $since + $interval)
        test $until -gt 0 -a $until -lt $due; or set until $due
    end
    test $until -gt 0; or set until 9223372036854775807
    set -g __cone_shell_kept $mtime $until "$CONE_SHELL_PROMPT"
    set -g __cone_shell_kept_key $key
end

# Starts `cone-shell status --quiet` in the background when the grants file is
# older than CONE_SHELL_REFRESH_SECONDS (`interval`, default 300; 0 turns
# refreshing off): at most once per interval in this shell and, through a time
# stamp in the state directory, across shells. This is the only place a prompt may
# start a process. (Numbers from files are compared with `test`: math, which
# works in doubles, refuses the largest ones.)
function __cone_shell_maybe_refresh --no-scope-shadowing
    test $interval -gt 0; and test $written -le (math $now - $interval); or return 0
    test $__cone_shell_refreshed -le (math $now - $interval); or return 0
    # The stamp is written only in the user's own directory, and never through a
    # symbolic link someone put in its place.
    set -l stamp $dir/prompt-refresh
    test -f $dir/grants -a -O "$dir" -a ! -L $stamp; or return 0
    set -g __cone_shell_refreshed $now
    if test -e $stamp
        test -f $stamp -a -O $stamp; or return 0
        read -l line <$stamp 2>/dev/null
        string match -qr -- '^[0-9]{1,18}$' "$line"; and test $line -gt (math $now - $interval); and return 0
    end
    echo $now >$stamp 2>/dev/null; or return 0
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
#
# The request's justification, which approvers read and ConductorOne keeps, is at
# most `aws SERVICE OPERATION`: the first two words that are neither options nor
# option values, and only while they look like command names. No other argument
# goes into it: arguments carry values, and values carry secrets.
function __cone_shell_before_aws
    set -q argv[1]; or return 0
    test "$argv[-1]" != help; or return 0
    set -l profile
    set -l command
    set -l expect
    set -l skip
    set -l stop
    set -l justification aws
    for arg in $argv
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
                # A global option of the AWS CLI that takes a value, wherever it is.
                set skip 1
            case --debug --no-verify-ssl --no-paginate --no-cli-pager --cli-auto-prompt \
                --no-cli-auto-prompt '--*=*'
                # A global flag, or an option that carries its value: nothing to skip.
            case '-*'
                # Any other option may take the next word as its value: the
                # justification stops before it.
                set stop 1
            case '*'
                test -n "$command"; or set command $arg
                if test -z "$stop"; and test (count $justification) -lt 3; and string match -qr -- '^[a-z0-9-]+$' $arg
                    set -a justification $arg
                else
                    set stop 1
                end
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
    set -l until
    __cone_shell_state_dir
    # The time, from the grants file (fish has no clock); only an active grant's
    # end needs it.
    set now 0
    if test -O "$dir" -a -f $dir/grants -a ! -L $dir/grants
        path mtime -- $dir/grants | read -l mtime
        path mtime --relative -- $dir/grants | read -l age
        set now (math $mtime + $age)
    end
    __cone_shell_read_grants $profile
    if test "$state" != active
        __cone_shell_is_managed $profile; or return 0
    end
    set -gx CONE_SHELL_LAST_PROFILE $profile
    if test "$state" = active
        __cone_shell_offer_extend
        return 0
    end
    test -t 0; and test -t 2; or return 0
    status is-command-substitution; and return 0
    set justification "$justification"
    set -q CONE_SHELL_JUSTIFICATION; and test -n "$CONE_SHELL_JUSTIFICATION"
    and set justification $CONE_SHELL_JUSTIFICATION
    command $__cone_shell_bin request $profile --wait --justification $justification
end

function __cone_shell_aws
    # fish completes in command substitutions while the command line holds what is
    # being completed (its own aws completions list buckets with `aws s3 ls`): nothing
    # asks for access on a TAB, and aws, told so, has its credential_process serve
    # only what is cached. What it says on stderr would land in the command line.
    set -l completing $CONE_SHELL_COMPLETING
    if test -z "$completing"; and status is-command-substitution
        set completing (commandline 2>/dev/null)
    end
    if test -n "$completing"
        set -lx CONE_SHELL_COMPLETING 1
        if functions -q __cone_shell_user_aws
            __cone_shell_user_aws $argv 2>/dev/null
        else
            command aws $argv 2>/dev/null
        end
        return
    end
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

# Offers, once per grant, to extend the grant of `profile` when it ends within
# CONE_SHELL_PROMPT_WARN minutes (default 10) and someone is at the terminal to
# answer; no is the default. CONE_SHELL_OFFER_EXTEND=0 turns it off.
set -g __cone_shell_offered
function __cone_shell_offer_extend --no-scope-shadowing
    test "$CONE_SHELL_OFFER_EXTEND" != 0; and test -t 0; and test -t 2; or return 0
    status is-command-substitution; and return 0
    set -l warn 10
    string match -qr -- '^[0-9]{1,9}$' "$CONE_SHELL_PROMPT_WARN"; and set warn (math $CONE_SHELL_PROMPT_WARN)
    test $expires -gt $now; or return 0
    set -l left (math "floor(($expires - $now + 59) / 60)")
    test $left -le $warn; or return 0
    set -l grant "$profile"\t$expires
    contains -- $grant $__cone_shell_offered; and return 0
    set -ga __cone_shell_offered $grant
    set -l shown (string replace -ra -- '[\x00-\x1f\x7f-\x9f]' \uFFFD "$profile")
    read -l -P "Access to $shown ends in $left min — extend? [y/N] " answer; or set answer ''
    if string match -qir -- '^(y|yes)$' "$answer"
        command $__cone_shell_bin extend $profile --wait
    end
    return 0
end

function aws --description 'aws, with cone-shell requesting access first when needed'
    __cone_shell_aws $argv
end

# -- cone-shell use ------------------------------------------------------------

# `cone-shell use` changes this shell's AWS_PROFILE, which the binary cannot: it
# gets access (asking on the terminal) and answers one line on stdout, `set NAME`
# or `unset`, which this applies. Anything else it prints (--help) is passed on.
function __cone_shell_use
    set -l reply (CONE_SHELL_USE_REPLY=1 command $__cone_shell_bin use $argv)
    or return
    switch "$reply"
        case 'set *'
            set -gx AWS_PROFILE (string sub --start 5 -- "$reply")
        case unset
            set -e AWS_PROFILE
        case '*'
            test -n "$reply"; and printf '%s\n' $reply
    end
end

# Every other command goes to the binary as it is.
function cone-shell --description 'cone-shell, with `use` changing this shell'
    if test "$argv[1]" = use
        __cone_shell_use $argv[2..-1]
    else
        command $__cone_shell_bin $argv
    end
end

# -- completion ----------------------------------------------------------------

# Prints `name<TAB>account role` for the profiles that start with the token being
# completed (ignoring case), with the grant in the description (its time left as
# the prompt writes it, 42m or 2h05m), those with a grant
# first (in the grants file's order). One awk pass over each file, which reads the
# grants by the rule of __cone_shell_read_grants: fish alone would take ~100 ms to
# sort through 5,000 names.
function __cone_shell_complete_profiles
    set -l dir
    __cone_shell_state_dir
    test -r $dir/profiles; or return 0
    set -l grants /dev/null
    set -l now 0
    if test -r $dir/grants
        set grants $dir/grants
        path mtime -- $grants | read -l mtime
        path mtime --relative -- $grants | read -l age
        set now (math $mtime + $age)
    end
    set -l token (string replace -r -- '^--profile=' '' (commandline -ct))
    __CONE_P=$token __CONE_NOW=$now __CONE_G=$grants LC_ALL=C command awk -F '\t' '
        BEGIN { nul = sprintf("%c", 0); now = ENVIRON["__CONE_NOW"] + 0 }
        FILENAME == ENVIRON["__CONE_G"] {
            if (nul != "" && (i = index($0, nul)) > 0) $0 = substr($0, 1, i - 1)
            if (NF != 4 || $1 == "" || ($1 in seen) || ($2 != "active" && $2 != "pending")) next
            if ($0 ~ /[\001-\010\013-\037\177]/ || $0 ~ /\302[\200-\237]/) next
            if ($3 !~ /^[0-9]+$/ || length($3) > 18 || ($4 != "-" && $4 !~ /^[0-9]+$/)) next
            seen[$1] = 1
            if ($2 == "pending") note[$1] = " (pending ⧗#" ($4 == "-" ? "?" : $4) ")"
            else if ($3 + 0 == 0) note[$1] = " (active)"
            else if ($3 + 0 > now) { m = int(($3 - now + 59) / 60); note[$1] = " (active " (m < 60 ? m "m" : int(m / 60) "h" sprintf("%02d", m % 60) "m") ")" }
            if ($1 in note) order[n++] = $1
            next
        }
        NF >= 3 && $1 != "" && (ENVIRON["__CONE_P"] == "" || index(tolower($1), tolower(ENVIRON["__CONE_P"])) == 1) && !listed[$1]++ {
            item = $1 "\t" $2 " " $3
            if ($1 in note) first[$1] = item note[$1]; else rest[m++] = item
        }
        END {
            for (i = 0; i < n; i++) if (order[i] in first) print first[order[i]]
            for (i = 0; i < m; i++) print rest[i]
        }
    ' $grants $dir/profiles 2>/dev/null
end

# aws_completer's answers for every other word. It is told it runs for a TAB
# (CONE_SHELL_COMPLETING), so that the `cone-shell creds` it may run to list
# server-side choices serves only cached credentials and never requests access.
function __cone_shell_aws_completer
    set -l line (commandline -cp)
    CONE_SHELL_COMPLETING=1 COMP_LINE=$line COMP_POINT=(string length -- "$line") command aws_completer 2>/dev/null
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
