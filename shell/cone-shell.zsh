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

# Reads `$dir/grants` for profile $1 at time `now`, as the binary parses it.
# Sets `written` (0 when unknown), `state` (active, pending or empty; an expired
# grant is empty), `expires` (0: no expiry), `task` and `others` (the number of
# active grants of other profiles). A missing or corrupt file reads as empty.
__cone_shell_read_grants() {
	emulate -L zsh
	local text line header=1 found= e
	local -a f
	written=0 state= expires=0 task= others=0
	[[ -f $dir/grants && -r $dir/grants ]] || return 0
	{ text=$(<$dir/grants) } 2>/dev/null
	for line in ${(f)text}; do
		f=("${(@ps:\t:)line}")
		if [[ -n $header ]]; then
			header=
			if (( $#f == 2 )) && [[ $f[1] == written ]]; then
				[[ -n $f[2] && $f[2] != *[^0-9]* ]] && written=$(( 10#$f[2] ))
				continue
			fi
		fi
		# Four fields, a profile and a known state.
		(( $#f == 4 )) && [[ -n $f[1] && $f[2] == (active|pending|none) ]] || continue
		# The file's text never reaches arithmetic unchecked.
		e=0
		[[ -n $f[3] && $f[3] != *[^0-9]* ]] && e=$(( 10#$f[3] ))
		if [[ $f[1] == "$1" ]]; then
			[[ -z $found ]] || continue
			found=1
			if [[ $f[2] == active ]] && (( e == 0 || e > now )); then
				state=active expires=$e
			elif [[ $f[2] == pending ]]; then
				state=pending
				[[ $f[4] == - ]] || task=$f[4]
			fi
		elif [[ $f[2] == active ]] && (( e == 0 || e > now )); then
			(( others += 1 ))
		fi
	done
	return 0
}

# True when profile $1 is listed in `$dir/profiles`.
__cone_shell_is_managed() {
	emulate -L zsh
	local lines
	[[ -f $dir/profiles && -r $dir/profiles ]] || return 1
	{ lines=$(<$dir/profiles) } 2>/dev/null
	[[ $'\n'$lines == *$'\n'${(b)1}$'\t'* ]]
}

# -- prompt --------------------------------------------------------------------

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
	local dir now=${EPOCHSECONDS-} written state expires task others profile out main= rest=
	local minutes='∞' left='∞' m color=
	profile=${AWS_PROFILE:-${AWS_DEFAULT_PROFILE:-${CONE_SHELL_LAST_PROFILE-}}}
	__cone_shell_state_dir
	__cone_shell_read_grants $profile
	if [[ -n $1 ]]; then
		__cone_shell_maybe_refresh
		# For `cone-shell doctor`: the hook still runs in this shell.
		typeset -gx __cone_shell_marker="zsh $$ prompt $now"
	fi
	[[ ${(L)CONE_SHELL_PROMPT_COLOR-} == (1|true|yes|on) ]] && color=1
	if [[ $state == active ]]; then
		if (( expires > 0 )); then
			m=$(( (expires - now + 59) / 60 ))
			minutes=$m
			if (( m < 60 )); then
				left=${m}m
			else
				left=$(( m / 60 ))h${(l:2::0:)$(( m % 60 ))}m
			fi
		fi
		__cone_shell_expand ${CONE_SHELL_PROMPT_ACTIVE-'aws:{profile} {left}'}
		main=$out
		[[ -n $color ]] && color=${CONE_SHELL_PROMPT_COLOR_ACTIVE:-32}
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
	[[ -n $interval && $interval != *[^0-9]* ]] || interval=300
	interval=$(( 10#$interval ))
	(( interval > 0 && now - written >= interval )) || return 0
	[[ -f $dir/grants ]] || return 0
	(( now - ${__cone_shell_refreshed:-0} >= interval )) || return 0
	typeset -g __cone_shell_refreshed=$now
	if [[ -r $dir/prompt-refresh ]]; then
		{ stamp=$(<$dir/prompt-refresh) } 2>/dev/null
		[[ -n $stamp && $stamp != *[^0-9]* ]] || stamp=0
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
__cone_shell_before_aws() {
	emulate -L zsh
	local arg profile= command= expect= skip= dir now=${EPOCHSECONDS-} written state expires task others
	local justification=aws
	(( $# > 0 )) || return 0
	[[ ${@[-1]} != help ]] || return 0
	for arg in "$@"; do
		justification+=" $arg"
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
		(--region|--output|--endpoint-url|--query|--ca-bundle|--color|--cli-read-timeout|--cli-connect-timeout|--cli-binary-format)
			[[ -n $command ]] || skip=1 ;;
		(-*) ;;
		(*) [[ -n $command ]] || command=$arg ;;
		esac
	done
	[[ $command == (|help|configure) ]] && return 0
	# AWS CLI v2's order: AWS_PROFILE wins over AWS_DEFAULT_PROFILE.
	profile=${profile:-${AWS_PROFILE:-${AWS_DEFAULT_PROFILE:-default}}}
	__cone_shell_state_dir
	__cone_shell_read_grants $profile
	if [[ $state != active ]]; then
		__cone_shell_is_managed $profile || return 0
	fi
	typeset -gx CONE_SHELL_LAST_PROFILE=$profile
	[[ $state != active && -t 0 && -t 2 ]] || return 0
	$__cone_shell_bin request $profile --wait \
		--justification ${CONE_SHELL_JUSTIFICATION:-$justification}
}

# No `emulate` here: a user's own aws function runs with the user's options.
__cone_shell_aws() {
	__cone_shell_doctor
	if [[ ${CONE_SHELL_WRAP-} != 0 ]]; then
		if (( ! $+functions[__cone_shell_user_aws] && ! $+commands[aws] )); then
			print -ru2 -- "cone-shell: aws: command not found (install the AWS CLI)"
			return 127
		fi
		__cone_shell_before_aws "$@" || return
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

# -- completion ----------------------------------------------------------------

# Completes cone-managed profile names: `name -- account role`, with the grant
# (active and minutes left, or pending and its task) in the description. awk
# picks the names that start with the word (ignoring case): zsh alone takes
# ~10 ms to split 5,000 lines.
__cone_shell_complete_profiles() {
	local dir now=${EPOCHSECONDS-} text line i
	local -a items f
	__cone_shell_state_dir
	[[ -r $dir/profiles ]] || return 1
	items=(${(f)"$(__CONE_P=$PREFIX LC_ALL=C command awk -F '\t' '
		NF >= 3 && $1 != "" && (ENVIRON["__CONE_P"] == "" || index(tolower($1), tolower(ENVIRON["__CONE_P"])) == 1) { print $1 ":" $2 " " $3 }
	' $dir/profiles 2>/dev/null)"})
	(( $#items )) || return 1
	if [[ -r $dir/grants ]]; then
		{ text=$(<$dir/grants) } 2>/dev/null
		for line in ${(f)text}; do
			f=("${(@ps:\t:)line}")
			(( $#f == 4 )) && [[ -n $f[1] ]] || continue
			i=${items[(i)${(b)f[1]}:*]}
			(( i <= $#items )) || continue
			if [[ $f[2] == pending ]]; then
				items[i]+=" (pending ⧗#${f[4]/#-/?})"
			elif [[ $f[2] == active && $f[3] == 0 ]]; then
				items[i]+=" (active)"
			elif [[ $f[2] == active && $f[3] == <-> ]] && (( f[3] > now )); then
				items[i]+=" (active $(( (f[3] - now + 59) / 60 ))m)"
			fi
		done
	fi
	_describe -t profiles 'cone-managed profile' items
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
		${=__cone_shell_aws_completion} && ret=0
	elif (( $+commands[aws_completer] )); then
		candidates=(${(f)"$(COMP_LINE=$BUFFER COMP_POINT=$CURSOR command aws_completer 2>/dev/null)"})
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
