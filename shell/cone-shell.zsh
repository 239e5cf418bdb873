# cone-shell zsh integration. Load it from ~/.zshrc (after compinit) with:
#   eval "$(cone-shell init zsh)"
#
# Public: the `aws` wrapper, `cone_shell_prompt`, the CONE_SHELL_PROMPT and
# CONE_SHELL_LAST_PROFILE variables. Every other name starts with __cone_shell.
# Functions start with `emulate -L zsh`, so the user's options never change how
# they run; not the completion functions (the completion system sets their
# options, and _describe needs them) nor the one that runs aws. Helpers return
# results through variables their caller declared `local` (dynamic scoping), so
# nothing here starts a process on a prompt: time comes from zsh/datetime, and
# `$(<file)` reads without a fork.

# Aliases are expanded when a function is defined, so they are off while this
# script defines its functions (the setting is put back at the end).
if [[ -o aliases ]]; then
	typeset -g __cone_shell_aliases=1
else
	typeset -g __cone_shell_aliases=0
fi
\builtin setopt no_aliases
# An alias would win over the function below.
\builtin unalias aws 2>/dev/null || \builtin true

typeset -g __cone_shell_bin=@CONE_SHELL_BIN@
zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null || true

# -- state files ---------------------------------------------------------------

# Sets `dir` to the state directory, as the binary resolves it.
__cone_shell_state_dir() {
	emulate -L zsh
	if [[ -n ${CONE_SHELL_STATE_DIR-} ]]; then
		dir=$CONE_SHELL_STATE_DIR
		if [[ $dir == \~ || $dir == \~/* ]]; then
			dir=${HOME-}${dir#\~}
		fi
	elif [[ ${XDG_STATE_HOME-} == /* ]]; then
		dir=$XDG_STATE_HOME/cone-shell
	else
		dir=${HOME-}/.local/state/cone-shell
	fi
}

# Control characters, for patterns (listed rather than ranges, so that no locale
# changes what they match): C0 but tab and newline, and DEL, for a bracket
# expression; and the C1 controls U+0080 to U+009F, which UTF-8 writes as \302\200
# to \302\237, as a pattern of two bytes (used as ${~__cone_shell_c1}).
typeset -g __cone_shell_c0=$'\001\002\003\004\005\006\007\010\013\014\015\016\017\020\021\022\023\024\025\026\027\030\031\032\033\034\035\036\037\177'
typeset -g __cone_shell_c1=$'\302[\200\201\202\203\204\205\206\207\210\211\212\213\214\215\216\217\220\221\222\223\224\225\226\227\230\231\232\233\234\235\236\237]'

# Sets `text` to the state file `$dir/$1`. Fails, with `text` empty, when the
# file is missing or is not the user's own regular file in the user's own
# directory: the binary does not trust anything else either.
__cone_shell_read_file() {
	emulate -L zsh
	local file=$dir/$1
	text=
	[[ -O $dir && -f $file && ! -L $file && -O $file && -r $file ]] || return 1
	{ text=$(<$file) } 2>/dev/null
	return 0
}

# Reads `$dir/grants` for profile $1 at time `now` by the rule the binary follows
# (GrantsFile.swift):
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
# grant is empty), `expires` (0: no expiry), `task` (digits or empty) and, when $2
# is set, `others` (the number of active grants of other profiles); without $2 the
# scan stops at the profile's line. A missing or corrupt file reads as empty.
#
# For the prompt ($2 set) the answer is kept until the file's text, the profile
# or the next expiry changes: most prompts only read the file and compare it.
__cone_shell_read_grants() {
	# Bytes, not characters: the C1 controls are found by their UTF-8 bytes.
	emulate -L zsh -o no_multibyte
	local text line e first=1 found= controls= until=0
	local -a lines f
	written=0 state= expires=0 task= others=0
	__cone_shell_read_file grants || return 0
	if [[ -n ${2-} && $1 == "${__cone_shell_grants_profile-}" && $text == "${__cone_shell_grants_text-}" ]] &&
		(( $#__cone_shell_grants_answer == 7 && __cone_shell_grants_answer[1] <= now && now < __cone_shell_grants_answer[2] )); then
		written=$__cone_shell_grants_answer[3] state=$__cone_shell_grants_answer[4]
		expires=$__cone_shell_grants_answer[5] task=$__cone_shell_grants_answer[6]
		others=$__cone_shell_grants_answer[7]
		return 0
	fi
	# Lines, each cut at its first NUL, the empty ones dropped.
	lines=("${(@)${(@f)text}%%$'\0'*}")
	lines=(${lines:#})
	# A line with a control character never counts; most files hold none, and
	# then no line needs checking for them.
	[[ $text == *[$__cone_shell_c0]* || $text == *${~__cone_shell_c1}* ]] && controls=1
	if [[ $lines[1] == written$'\t'* && $lines[1] != *$'\t'*$'\t'* ]]; then
		e=${lines[1]#written$'\t'}
		[[ $e == <-> && $#e -le 18 ]] && written=$(( 10#$e ))
		first=2
	fi
	for line in "${(@)lines[first,-1]}"; do
		# Only the profile's first line and other profiles' active ones matter.
		if [[ $line == ${(b)1}$'\t'* ]]; then
			[[ -z $found ]] || continue
		elif [[ -z ${2-} || $line != *$'\t'active$'\t'* ]]; then
			continue
		fi
		f=("${(@ps:\t:)line}")
		(( $#f == 4 )) && [[ -n $f[1] && $f[2] == (active|pending) && $f[3] == <-> && $#f[3] -le 18 && $f[4] == (-|<->) ]] || continue
		if [[ -n $controls ]]; then
			[[ $line != *[$__cone_shell_c0]* && $line != *${~__cone_shell_c1}* ]] || continue
		fi
		e=$(( 10#$f[3] ))
		if [[ $f[1] == "$1" ]]; then
			found=1
			if [[ $f[2] == active ]] && (( e == 0 || e > now )); then
				state=active expires=$e
			elif [[ $f[2] == pending ]]; then
				state=pending
				[[ $f[4] == - ]] || task=$f[4]
			fi
			[[ -n ${2-} ]] || break
		elif (( e == 0 || e > now )); then
			(( others += 1 ))
		fi
		# The answer holds until the first active grant to end does.
		[[ $f[2] == active ]] && (( e > now && (until == 0 || e < until) )) && until=$e
	done
	if [[ -n ${2-} ]]; then
		(( until > 0 )) || until=9223372036854775807
		typeset -g __cone_shell_grants_profile=$1 __cone_shell_grants_text=$text
		typeset -ga __cone_shell_grants_answer=($now $until $written "$state" $expires "$task" $others)
	fi
	return 0
}

# True when profile $1 is listed in `$dir/profiles`: a line that starts with it
# and a tab, the name compared as a string, never as a pattern. The names are
# kept in memory until `profiles-stamp`, which the binary rewrites after each new
# index, changes: a call reads one short line, not the whole index.
typeset -gA __cone_shell_managed
typeset -g __cone_shell_managed_stamp=
__cone_shell_is_managed() {
	emulate -L zsh -o no_multibyte
	local text stamp= line
	__cone_shell_read_file profiles-stamp && stamp=${text%%$'\n'*}
	if [[ -z $stamp || $stamp != "$__cone_shell_managed_stamp" ]]; then
		__cone_shell_read_file profiles || return 1
		if [[ -z $stamp ]]; then
			[[ $'\n'$text == *$'\n'${(b)1}$'\t'* ]]
			return
		fi
		__cone_shell_managed=()
		for line in "${(@f)text}"; do
			[[ $line == ?*$'\t'* ]] && __cone_shell_managed[+${line%%$'\t'*}]=1
		done
		__cone_shell_managed_stamp=$stamp
	fi
	[[ -f $dir/profiles && ! -L $dir/profiles && -O $dir/profiles ]] && (( ${+__cone_shell_managed[+$1]} ))
}

# -- prompt --------------------------------------------------------------------

# Sets `printable` to $1 with each control character replaced by U+FFFD, byte
# by byte (the C1 controls are two bytes in UTF-8), as PromptSegment.swift does.
__cone_shell_printable() {
	emulate -L zsh -o no_multibyte
	printable=$1
	[[ $printable == *[$__cone_shell_c0$'\t\n']* || $printable == *${~__cone_shell_c1}* ]] || return 0
	printable=${printable//[$__cone_shell_c0$'\t\n']/$'\357\277\275'}
	printable=${printable//${~__cone_shell_c1}/$'\357\277\275'}
}

# Replaces the placeholders in $1 and sets `out`.
__cone_shell_expand() {
	emulate -L zsh
	out=$1
	out=${out//'{profile}'/$profile}
	out=${out//'{minutes}'/$minutes}
	out=${out//'{left}'/$left}
	out=${out//'{task}'/${task:-?}}
	out=${out//'{count}'/$others}
}

# Sets CONE_SHELL_PROMPT to the segment for the current profile. With $1 set,
# also starts a background refresh when the grants file is stale.
__cone_shell_update() {
	emulate -L zsh
	local dir now=${EPOCHSECONDS-} written=0 state= expires=0 task= others=0 profile out main= rest=
	local minutes='∞' left='∞' m=-1 color= warn=${CONE_SHELL_PROMPT_WARN-10}
	[[ $warn == <-> && ${#warn} -le 9 ]] || warn=10
	warn=$(( 10#$warn ))
	profile=${AWS_PROFILE:-${AWS_DEFAULT_PROFILE:-${CONE_SHELL_LAST_PROFILE-}}}
	__cone_shell_state_dir
	__cone_shell_read_grants "$profile" count
	if [[ -n $1 ]]; then
		__cone_shell_maybe_refresh
		# For `cone-shell doctor`: the hook still runs in this shell.
		typeset -gx __cone_shell_marker="zsh $$ prompt $now"
	fi
	# The profile comes from the environment or the command line: a control
	# character in it would reach the terminal, so it shows as U+FFFD; and a `%`
	# would be a prompt escape.
	local printable
	__cone_shell_printable "$profile"
	profile=${printable//\%/%%}
	[[ ${(L)CONE_SHELL_PROMPT_COLOR-} == (1|true|yes|on) ]] && color=1
	if [[ $state == active ]]; then
		# Minutes left; a grant that ends more than ten years on shows ∞, as one
		# without an end (fish's math, in doubles, could not count them exactly).
		if (( expires > 0 && expires - now <= 315360000 )); then
			m=$(( (expires - now + 59) / 60 ))
			minutes=$m
			if (( m < 60 )); then
				left=${m}m
			else
				left=$(( m / 60 ))h${(l:2::0:)$(( m % 60 ))}m
			fi
		fi
		if (( m >= 0 && m <= warn )); then
			# Ending within CONE_SHELL_PROMPT_WARN minutes.
			__cone_shell_expand ${CONE_SHELL_PROMPT_EXPIRING-'aws:{profile} ⚠{left}'}
			main=$out
			[[ -n $color ]] && color=${CONE_SHELL_PROMPT_COLOR_EXPIRING:-31}
		else
			__cone_shell_expand ${CONE_SHELL_PROMPT_ACTIVE-'aws:{profile} {left}'}
			main=$out
			[[ -n $color ]] && color=${CONE_SHELL_PROMPT_COLOR_ACTIVE:-32}
		fi
	elif [[ $state == pending ]]; then
		__cone_shell_expand ${CONE_SHELL_PROMPT_PENDING-'aws:{profile} ⧗#{task}'}
		main=$out
		[[ -n $color ]] && color=${CONE_SHELL_PROMPT_COLOR_PENDING:-33}
	else
		color=
	fi
	[[ -n $color && -n $main ]] && main=$'%{\e['$color$'m%}'$main$'%{\e[0m%}'
	if (( others > 0 )); then
		if [[ -z $main ]]; then
			__cone_shell_expand ${CONE_SHELL_PROMPT_NONE-aws}
			main=$out
		fi
		__cone_shell_expand ${CONE_SHELL_PROMPT_OTHERS-'+{count}'}
		rest=$out
	fi
	if [[ -n $main && -n $rest ]]; then
		typeset -g CONE_SHELL_PROMPT="$main $rest"
	else
		typeset -g CONE_SHELL_PROMPT=$main$rest
	fi
}

# Starts `cone-shell status --quiet` in the background when the grants file is
# older than CONE_SHELL_REFRESH_SECONDS (default 300; 0 turns refreshing off):
# at most once per interval in this shell and, through a time stamp in the state
# directory, across shells. This is the only place a prompt may start a process.
__cone_shell_maybe_refresh() {
	emulate -L zsh
	local interval=${CONE_SHELL_REFRESH_SECONDS-300} stamp=0
	[[ $interval == <-> && $#interval -le 9 ]] || interval=300
	interval=$(( 10#$interval ))
	(( interval > 0 && now - written >= interval )) || return 0
	# The stamp is written only in the user's own directory, and never through a
	# symbolic link someone put in its place.
	[[ -f $dir/grants && -O $dir && ! -L $dir/prompt-refresh ]] || return 0
	(( now - ${__cone_shell_refreshed:-0} >= interval )) || return 0
	typeset -g __cone_shell_refreshed=$now
	if [[ -e $dir/prompt-refresh ]]; then
		[[ -f $dir/prompt-refresh && -O $dir/prompt-refresh ]] || return 0
		{ stamp=$(<$dir/prompt-refresh) } 2>/dev/null
		[[ $stamp == <-> && $#stamp -le 18 ]] || stamp=0
	fi
	(( now - 10#$stamp >= interval )) || return 0
	{ print -r -- $now >$dir/prompt-refresh } 2>/dev/null || return 0
	# A subshell that exits at once: no job-control message, no zombie.
	( $__cone_shell_bin status --quiet </dev/null >/dev/null 2>&1 & )
}

# Prints the prompt segment (nothing when there is nothing to show).
cone_shell_prompt() {
	emulate -L zsh
	__cone_shell_update ''
	print -rn -- $CONE_SHELL_PROMPT
}

__cone_shell_hook() {
	local -i status_=$?
	__cone_shell_update refresh
	return status_
}

# Says once per shell when the prompt hook is gone from precmd_functions (a
# prompt theme or framework loaded after the init replaced it): the segment no
# longer updates. CONE_SHELL_DOCTOR=0 turns this off.
__cone_shell_doctor() {
	emulate -L zsh
	[[ -z ${__cone_shell_doctor_done-} && ${CONE_SHELL_DOCTOR-} != 0 && -o interactive ]] || return 0
	(( ${precmd_functions[(I)__cone_shell_hook]} )) && return 0
	typeset -g __cone_shell_doctor_done=1
	print -rlu2 -- "cone-shell: the prompt hook is gone from precmd_functions, so the prompt segment no longer updates." \
		"cone-shell: something after \`eval \"\$(cone-shell init zsh)\"\` replaced it; move that line to the end of ~/.zshrc (CONE_SHELL_DOCTOR=0 hides this)."
}

# -- the aws wrapper -----------------------------------------------------------

# Returns 0 when aws may run now: the invocation needs no credentials, the
# profile is not cone-managed or has an active grant, there is no terminal to
# ask on, or `cone-shell request` got access. Otherwise returns request's status.
#
# The request's justification, which approvers read and ConductorOne keeps, is at
# most `aws SERVICE OPERATION`: the first two words that are neither options nor
# option values, and only while they look like command names. No other argument
# goes into it: arguments carry values, and values carry secrets.
__cone_shell_before_aws() {
	emulate -L zsh
	local arg profile= command= expect= skip= dir now=${EPOCHSECONDS-} written=0 state= expires=0 task= others=0
	local justification=aws stop=
	local -i words=0
	(( $# > 0 )) || return 0
	[[ ${@[-1]} != help ]] || return 0
	for arg in "$@"; do
		if [[ -n $expect ]]; then
			profile=$arg expect=
			continue
		elif [[ -n $skip ]]; then
			skip=
			continue
		fi
		case $arg in
		(--profile) expect=1 ;;
		(--profile=*) profile=${arg#--profile=} ;;
		(--version|--no-sign-request) return 0 ;;
		# The AWS CLI's global options that take a value, wherever they are.
		(--region|--output|--endpoint-url|--query|--ca-bundle|--color|--cli-read-timeout|--cli-connect-timeout|--cli-binary-format)
			skip=1 ;;
		# Its global flags, and options that carry their value (`--opt=value`).
		(--debug|--no-verify-ssl|--no-paginate|--no-cli-pager|--cli-auto-prompt|--no-cli-auto-prompt|--*=*) ;;
		# Any other option may take the next word as its value: the
		# justification stops before it.
		(-*) stop=1 ;;
		(*)
			[[ -n $command ]] || command=$arg
			if [[ -z $stop && words -lt 2 && -n $arg && $arg != *[^[:lower:][:digit:]-]* ]]; then
				justification+=" $arg"
				(( words += 1 ))
			else
				stop=1
			fi
			;;
		esac
	done
	[[ $command == (|help|configure) ]] && return 0
	# AWS CLI v2's order: AWS_PROFILE wins over AWS_DEFAULT_PROFILE.
	profile=${profile:-${AWS_PROFILE:-${AWS_DEFAULT_PROFILE:-default}}}
	__cone_shell_state_dir
	__cone_shell_read_grants "$profile"
	if [[ $state != active ]]; then
		__cone_shell_is_managed "$profile" || return 0
	fi
	typeset -gx CONE_SHELL_LAST_PROFILE=$profile
	if [[ $state == active ]]; then
		__cone_shell_offer_extend
		return 0
	fi
	[[ -t 0 && -t 2 ]] || return 0
	$__cone_shell_bin request "$profile" --wait \
		--justification "${CONE_SHELL_JUSTIFICATION:-$justification}"
}

# Offers, once per grant, to extend the grant of `profile` when it ends within
# CONE_SHELL_PROMPT_WARN minutes (default 10) and someone is at the terminal to
# answer; no is the default. CONE_SHELL_OFFER_EXTEND=0 turns it off.
typeset -gA __cone_shell_offered
__cone_shell_offer_extend() {
	emulate -L zsh
	local warn=${CONE_SHELL_PROMPT_WARN-10} left answer= printable
	[[ ${CONE_SHELL_OFFER_EXTEND-} != 0 && -t 0 && -t 2 ]] || return 0
	[[ $warn == <-> && ${#warn} -le 9 ]] || warn=10
	(( expires > now )) || return 0
	left=$(( (expires - now + 59) / 60 ))
	(( left <= 10#$warn )) || return 0
	[[ ${__cone_shell_offered[+$profile]-} != $expires ]] || return 0
	__cone_shell_offered[+$profile]=$expires
	__cone_shell_printable "$profile"
	print -rn -- "Access to $printable ends in $left min — extend? [y/N] " >&2
	read -r answer || answer=
	if [[ $answer == ([Yy]|[Yy][Ee][Ss]) ]]; then
		$__cone_shell_bin extend "$profile" --wait || true
	fi
}

# No `emulate` here: a user's own aws function runs with the user's options.
__cone_shell_aws() {
	if (( ${+compstate} )) || [[ -n ${CONE_SHELL_COMPLETING-} ]]; then
		# Run by a completion function (compstate exists only there): nothing asks
		# for access on a TAB, and aws, told so, has its credential_process serve only
		# what is cached.
		local -x CONE_SHELL_COMPLETING=1
	else
		__cone_shell_doctor
		if [[ ${CONE_SHELL_WRAP-} != 0 ]]; then
			if (( ! $+functions[__cone_shell_user_aws] && ! $+commands[aws] )); then
				print -ru2 -- "cone-shell: aws: command not found (install the AWS CLI)"
				return 127
			fi
			__cone_shell_before_aws "$@" || return
		fi
	fi
	if (( $+functions[__cone_shell_user_aws] )); then
		__cone_shell_user_aws "$@"
	else
		command aws "$@"
	fi
}

# An `aws` function defined before init keeps working: it is what runs aws.
if (( $+functions[aws] )) && [[ $functions[aws] != *__cone_shell_aws* ]]; then
	functions[__cone_shell_user_aws]=$functions[aws]
fi

function aws {
	__cone_shell_aws "$@"
}

# -- cone-shell use ------------------------------------------------------------

# `cone-shell use` changes this shell's AWS_PROFILE, which the binary cannot: it
# gets access (asking on the terminal) and answers one line on stdout, `set NAME`
# or `unset`, which this applies. Anything else it prints (--help) is passed on.
__cone_shell_use() {
	local reply
	reply=$(CONE_SHELL_USE_REPLY=1 "${__cone_shell_bin}" use "$@") || return
	case ${reply} in
	'set '*) export AWS_PROFILE="${reply#set }" ;;
	unset) unset AWS_PROFILE ;;
	*) [[ -z ${reply} ]] || printf '%s\n' "${reply}" ;;
	esac
}

# Every other command goes to the binary as it is.
function cone-shell {
	if [[ ${1-} == use ]]; then
		__cone_shell_use "${@[2,-1]}"
	else
		"${__cone_shell_bin}" "$@"
	fi
}

# -- completion ----------------------------------------------------------------

# Completes cone-managed profile names: `name -- account role`, with the grant
# (active and its time left as the prompt writes it, 42m or 2h05m, or pending and
# its task) in the description. One awk
# pass over each file (zsh alone takes ~10 ms to split 5,000 lines) picks the
# names that start with the word (ignoring case), reads the grants by the rule of
# __cone_shell_read_grants and pads the names into a column; compadd then takes
# them as they are (_describe would lay out 5,000 of them again, slowly).
__cone_shell_complete_profiles() {
	local dir now=${EPOCHSECONDS-} grants=/dev/null expl
	local -a lines names displays
	__cone_shell_state_dir
	[[ -r $dir/profiles ]] || return 1
	[[ ! -r $dir/grants ]] || grants=$dir/grants
	lines=(${(f)"$(__CONE_P=$PREFIX __CONE_NOW=$now __CONE_G=$grants LC_ALL=C command awk -F '\t' '
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
			next
		}
		NF >= 3 && $1 != "" && (ENVIRON["__CONE_P"] == "" || index(tolower($1), tolower(ENVIRON["__CONE_P"])) == 1) && !listed[$1]++ {
			k = n++; name[k] = $1; about[k] = $2 " " $3 note[$1]
			if (length($1) > width) width = length($1)
		}
		END { for (i = 0; i < n; i++) printf "%s\t%s -- %s\n", name[i], sprintf("%-" width "s", name[i]), about[i] }
	' $grants $dir/profiles 2>/dev/null)"})
	(( $#lines )) || return 1
	names=(${lines%%$'\t'*})
	displays=(${lines#*$'\t'})
	_wanted profiles expl 'cone-managed profile' compadd -l -d displays -a names
}

# `aws` completion: profile names after --profile, everything else from the
# completion aws had before (normally `aws_completer` through bashcompinit), or
# from aws_completer itself.
__cone_shell_complete_aws() {
	local -a candidates
	local ret=1
	if [[ $words[CURRENT-1] == --profile ]] || compset -P '--profile='; then
		__cone_shell_complete_profiles && ret=0
	elif [[ -n ${__cone_shell_aws_completion-} ]]; then
		# What it runs (aws_completer, aws itself) knows it is completing: `cone-shell
		# creds` then serves only what is cached, and never requests access on a TAB.
		local -x CONE_SHELL_COMPLETING=1
		${=__cone_shell_aws_completion} && ret=0
	elif (( $+commands[aws_completer] )); then
		candidates=(${(f)"$(CONE_SHELL_COMPLETING=1 COMP_LINE=$BUFFER COMP_POINT=$CURSOR command aws_completer 2>/dev/null)"})
		candidates=(${candidates%% #})
		(( $#candidates )) && compadd -a candidates && ret=0
	else
		_files && ret=0
	fi
	return ret
}

# cone-shell's own completion is the binary's (swift-argument-parser's), loaded
# on the first TAB: the script defines _cone-shell and registers it.
__cone_shell_complete_cone_shell() {
	local script
	script=$($__cone_shell_bin --generate-completion-script zsh 2>/dev/null) || return 1
	eval "$script"
	(( $+functions[_cone-shell] )) && _cone-shell "$@"
}

if [[ -o interactive ]]; then
	if (( $+functions[compdef] )); then
		if [[ -n ${_comps[aws]-} && $_comps[aws] != __cone_shell_complete_aws ]]; then
			typeset -g __cone_shell_aws_completion=$_comps[aws]
		fi
		compdef __cone_shell_complete_aws aws
		[[ -n ${_comps[cone-shell]-} ]] || compdef __cone_shell_complete_cone_shell cone-shell
	fi
	# For `cone-shell doctor`, which cannot see this shell's hooks: the hook
	# changes `init` to `prompt` (see __cone_shell_update).
	[[ ${__cone_shell_marker-} == "zsh $$ "* ]] || typeset -gx __cone_shell_marker="zsh $$ init"
	# add-zsh-hook keeps one copy of the hook however often this is loaded.
	autoload -Uz add-zsh-hook
	add-zsh-hook precmd __cone_shell_hook
fi

if (( __cone_shell_aliases )); then
	\builtin setopt aliases
fi
unset __cone_shell_aliases
