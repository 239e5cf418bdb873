# cone-shell bash integration. Load it from ~/.bashrc with:
#   eval "$(cone-shell init bash)"
# shellcheck shell=bash
#
# Public: the `aws` wrapper, `cone_shell_prompt`, the CONE_SHELL_PROMPT and
# CONE_SHELL_LAST_PROFILE variables. Every other name starts with __cone_shell.
# Helpers return results through variables their caller declared `local`
# (bash's dynamic scoping), so that nothing here starts a process on a prompt.

# Aliases are expanded when a function is defined, so they are off while this
# script defines its functions (the setting is put back at the end), and the
# builtins run before that are quoted.
if \builtin shopt -q expand_aliases; then
	__cone_shell_aliases=1
else
	__cone_shell_aliases=0
fi
\builtin shopt -u expand_aliases
# An alias would win over the function below.
\builtin unalias aws 2>/dev/null || \builtin true

__cone_shell_bin=@CONE_SHELL_BIN@

# -- state files ---------------------------------------------------------------

# Sets `dir` to the state directory, as the binary resolves it.
__cone_shell_state_dir() {
	if [[ -n ${CONE_SHELL_STATE_DIR-} ]]; then
		dir=${CONE_SHELL_STATE_DIR}
		if [[ ${dir} == \~ || ${dir} == \~/* ]]; then
			dir=${HOME-}${dir#\~}
		fi
	elif [[ ${XDG_STATE_HOME-} == /* ]]; then
		dir=${XDG_STATE_HOME}/cone-shell
	else
		dir=${HOME-}/.local/state/cone-shell
	fi
}

# Sets `now` to the time in seconds since the epoch, without a process.
__cone_shell_now() {
	now=${EPOCHSECONDS-}
	if [[ -z ${now} ]]; then
		printf -v now '%(%s)T' -1
	fi
}

# Reads `${dir}/grants` for profile $1 at time `now`, as the binary parses it.
# Sets `written` (0 when unknown), `state` (active, pending or empty; an expired
# grant is empty), `expires` (0: no expiry), `task` and `others` (the number of
# active grants of other profiles). A missing or corrupt file reads as empty.
__cone_shell_read_grants() {
	local line rest p s e t header=1 found='' lines=()
	written=0 state='' expires=0 task='' others=0
	[[ -f ${dir}/grants && -r ${dir}/grants ]] || return 0
	mapfile -t lines <"${dir}/grants" 2>/dev/null || return 0
	for line in "${lines[@]}"; do
		[[ -n ${line} ]] || continue
		p=${line%%$'\t'*} rest=${line#*$'\t'}
		if [[ -n ${header} ]]; then
			header=''
			if [[ ${p} == written && ${rest} != "${line}" && ${rest} != *$'\t'* ]]; then
				if [[ -n ${rest} && ${rest} != *[!0-9]* ]]; then
					written=$((10#${rest}))
				fi
				continue
			fi
		fi
		# Exactly four fields, a profile and a known state.
		[[ ${rest} != "${line}" ]] || continue
		s=${rest%%$'\t'*} line=${rest#*$'\t'}
		[[ ${line} != "${rest}" ]] || continue
		e=${line%%$'\t'*} t=${line#*$'\t'}
		[[ ${t} != "${line}" && ${t} != *$'\t'* && -n ${p} ]] || continue
		[[ ${s} == active || ${s} == pending || ${s} == none ]] || continue
		# The file's text never reaches arithmetic unchecked.
		if [[ -n ${e} && ${e} != *[!0-9]* ]]; then
			e=$((10#${e}))
		else
			e=0
		fi
		if [[ ${p} == "$1" ]]; then
			[[ -z ${found} ]] || continue
			found=1
			if [[ ${s} == active ]] && ((e == 0 || e > now)); then
				state=active expires=${e}
			elif [[ ${s} == pending ]]; then
				state=pending
				[[ ${t} == - ]] || task=${t}
			fi
		elif [[ ${s} == active ]] && ((e == 0 || e > now)); then
			others=$((others + 1))
		fi
	done
	return 0
}

# True when profile $1 is listed in `$dir/profiles`.
__cone_shell_is_managed() {
	local lines
	[[ -f ${dir}/profiles && -r ${dir}/profiles ]] || return 1
	{ lines=$(<"${dir}/profiles"); } 2>/dev/null
	[[ $'\n'${lines} == *$'\n'"$1"$'\t'* ]]
}

# -- prompt --------------------------------------------------------------------

# Replaces the placeholders in $1 and sets `out`.
__cone_shell_expand() {
	out=$1
	out=${out//'{profile}'/"${profile}"}
	out=${out//'{minutes}'/"${minutes}"}
	out=${out//'{left}'/"${left}"}
	out=${out//'{task}'/"${task:-?}"}
	out=${out//'{count}'/"${others}"}
}

# Sets CONE_SHELL_PROMPT to the segment for the current profile. With $1 set,
# also starts a background refresh when the grants file is stale.
__cone_shell_update() {
	local dir now written state expires task others profile out main='' rest=''
	local minutes='∞' left='∞' m color=''
	local active='aws:{profile} {left}' pending='aws:{profile} ⧗#{task}' others_format='+{count}'
	profile=${AWS_PROFILE:-${AWS_DEFAULT_PROFILE:-${CONE_SHELL_LAST_PROFILE-}}}
	__cone_shell_state_dir
	__cone_shell_now
	__cone_shell_read_grants "${profile}"
	if [[ -n $1 ]]; then
		__cone_shell_maybe_refresh
		# For `cone-shell doctor`: the hook still runs in this shell.
		export __cone_shell_marker="bash $$ prompt ${now}"
	fi
	case ${CONE_SHELL_PROMPT_COLOR-} in
	1 | [Tt][Rr][Uu][Ee] | [Yy][Ee][Ss] | [Oo][Nn]) color=1 ;;
	*) ;;
	esac
	if [[ ${state} == active ]]; then
		if ((expires > 0)); then
			m=$(((expires - now + 59) / 60))
			minutes=${m}
			if ((m < 60)); then
				left=${m}m
			elif ((m % 60 < 10)); then
				left=$((m / 60))h0$((m % 60))m
			else
				left=$((m / 60))h$((m % 60))m
			fi
		fi
		__cone_shell_expand "${CONE_SHELL_PROMPT_ACTIVE-${active}}"
		main=${out}
		if [[ -n ${color} ]]; then
			color=${CONE_SHELL_PROMPT_COLOR_ACTIVE:-32}
		fi
	elif [[ ${state} == pending ]]; then
		__cone_shell_expand "${CONE_SHELL_PROMPT_PENDING-${pending}}"
		main=${out}
		if [[ -n ${color} ]]; then
			color=${CONE_SHELL_PROMPT_COLOR_PENDING:-33}
		fi
	else
		color=''
	fi
	if [[ -n ${color} && -n ${main} ]]; then
		main=$'\001\e['${color}$'m\002'${main}$'\001\e[0m\002'
	fi
	if ((others > 0)); then
		if [[ -z ${main} ]]; then
			__cone_shell_expand "${CONE_SHELL_PROMPT_NONE-aws}"
			main=${out}
		fi
		__cone_shell_expand "${CONE_SHELL_PROMPT_OTHERS-${others_format}}"
		rest=${out}
	fi
	if [[ -n ${main} && -n ${rest} ]]; then
		CONE_SHELL_PROMPT="${main} ${rest}"
	else
		CONE_SHELL_PROMPT=${main}${rest}
	fi
}

# Starts `cone-shell status --quiet` in the background when the grants file is
# older than CONE_SHELL_REFRESH_SECONDS (default 300; 0 turns refreshing off):
# at most once per interval in this shell and, through a time stamp in the state
# directory, across shells. This is the only place a prompt may start a process.
__cone_shell_maybe_refresh() {
	local interval=${CONE_SHELL_REFRESH_SECONDS-300} stamp=0
	[[ -n ${interval} && ${interval} != *[!0-9]* ]] || interval=300
	interval=$((10#${interval}))
	((interval > 0 && now - written >= interval)) || return 0
	[[ -f ${dir}/grants ]] || return 0
	((now - ${__cone_shell_refreshed:-0} >= interval)) || return 0
	__cone_shell_refreshed=${now}
	if [[ -r ${dir}/prompt-refresh ]]; then
		IFS= read -r stamp <"${dir}/prompt-refresh" 2>/dev/null || true
		[[ -n ${stamp} && ${stamp} != *[!0-9]* ]] || stamp=0
	fi
	((now - 10#${stamp} >= interval)) || return 0
	{ printf '%s\n' "${now}" >"${dir}/prompt-refresh"; } 2>/dev/null || return 0
	# A subshell that exits at once: no job-control message, no zombie.
	("${__cone_shell_bin}" status --quiet </dev/null >/dev/null 2>&1 &)
}

# Prints the prompt segment (nothing when there is nothing to show).
cone_shell_prompt() {
	__cone_shell_update ''
	printf '%s' "${CONE_SHELL_PROMPT}"
}

__cone_shell_hook() {
	local -r status=$?
	__cone_shell_update refresh
	return "${status}"
}

# Says once per shell when the prompt hook is gone from PROMPT_COMMAND (a prompt
# theme or framework loaded after the init replaced it): the segment no longer
# updates. CONE_SHELL_DOCTOR=0 turns this off.
__cone_shell_doctor() {
	[[ -z ${__cone_shell_doctor_done-} && ${CONE_SHELL_DOCTOR-} != 0 && $- == *i* ]] || return 0
	# Where other tools move PROMPT_COMMAND and still run it: starship (and its name
	# before 1.19), VS Code's shell integration, bash-preexec.
	local hooks="${PROMPT_COMMAND[*]-} ${STARSHIP_PROMPT_COMMAND-} ${_PRESERVED_PROMPT_COMMAND-}"
	hooks+=" ${__vsc_original_prompt_command[*]-} ${precmd_functions[*]-}"
	[[ ${hooks} != *__cone_shell_hook* ]] || return 0
	__cone_shell_doctor_done=1
	printf '%s\n' "cone-shell: the prompt hook is gone from PROMPT_COMMAND, so the prompt segment no longer updates." \
		"cone-shell: something after \`eval \"\$(cone-shell init bash)\"\` replaced it; move that line to the end of ~/.bashrc (CONE_SHELL_DOCTOR=0 hides this)." >&2
}

# -- the aws wrapper -----------------------------------------------------------

# Returns 0 when aws may run now: the invocation needs no credentials, the
# profile is not cone-managed or has an active grant, there is no terminal to
# ask on, or `cone-shell request` got access. Otherwise returns request's status.
__cone_shell_before_aws() {
	local arg profile='' command='' expect='' skip='' dir now written state expires task others
	local justification=aws
	(($# > 0)) || return 0
	[[ ${!#} != help ]] || return 0
	for arg in "$@"; do
		justification+=" ${arg}"
		if [[ -n ${expect} ]]; then
			profile=${arg} expect=''
			continue
		elif [[ -n ${skip} ]]; then
			skip=''
			continue
		fi
		case ${arg} in
		--profile) expect=1 ;;
		--profile=*) profile=${arg#--profile=} ;;
		--version | --no-sign-request) return 0 ;;
		--region | --output | --endpoint-url | --query | --ca-bundle | --color | \
			--cli-read-timeout | --cli-connect-timeout | --cli-binary-format)
			[[ -n ${command} ]] || skip=1
			;;
		-*) ;;
		*) [[ -n ${command} ]] || command=${arg} ;;
		esac
	done
	case ${command} in
	'' | help | configure) return 0 ;;
	*) ;;
	esac
	# AWS CLI v2's order: AWS_PROFILE wins over AWS_DEFAULT_PROFILE.
	profile=${profile:-${AWS_PROFILE:-${AWS_DEFAULT_PROFILE:-default}}}
	__cone_shell_state_dir
	__cone_shell_now
	__cone_shell_read_grants "${profile}"
	if [[ ${state} != active ]]; then
		__cone_shell_is_managed "${profile}" || return 0
	fi
	export CONE_SHELL_LAST_PROFILE="${profile}"
	[[ ${state} != active && -t 0 && -t 2 ]] || return 0
	"${__cone_shell_bin}" request "${profile}" --wait \
		--justification "${CONE_SHELL_JUSTIFICATION:-${justification}}"
}

__cone_shell_aws() {
	__cone_shell_doctor
	if [[ ${CONE_SHELL_WRAP-} != 0 ]]; then
		if ! declare -F __cone_shell_user_aws >/dev/null &&
			! type -P aws >/dev/null; then
			printf '%s\n' "cone-shell: aws: command not found (install the AWS CLI)" >&2
			return 127
		fi
		__cone_shell_before_aws "$@" || return
	fi
	if declare -F __cone_shell_user_aws >/dev/null; then
		__cone_shell_user_aws "$@"
	else
		command aws "$@"
	fi
}

# An `aws` function defined before init keeps working: it is what runs aws.
if declare -F aws >/dev/null; then
	__cone_shell_def=$(declare -f aws)
	if [[ ${__cone_shell_def} != *__cone_shell_aws* ]]; then
		eval "__cone_shell_user_aws${__cone_shell_def#aws}"
	fi
	unset __cone_shell_def
fi

function aws {
	__cone_shell_aws "$@"
}

# -- completion ----------------------------------------------------------------

# Completes cone-managed profile names starting with $1 (ignoring case), active
# ones first, each prefixed with $2.
__cone_shell_complete_profiles() {
	local dir now grants=/dev/null
	__cone_shell_state_dir
	__cone_shell_now
	[[ -r ${dir}/profiles ]] || return 0
	[[ ! -r ${dir}/grants ]] || grants=${dir}/grants
	compopt -o nosort 2>/dev/null || true
	# awk, not a bash loop: bash takes ~40 ms to filter 5,000 names.
	mapfile -t COMPREPLY < <(
		__CONE_P=$1 __CONE_NOW=${now} __CONE_G=${grants} LC_ALL=C command awk -F '\t' '
			FILENAME == ENVIRON["__CONE_G"] {
				e = $3 ~ /^[0-9]+$/ ? $3 + 0 : 0
				if (FNR > 1 && NF == 4 && $2 == "active" && (e == 0 || e > ENVIRON["__CONE_NOW"] + 0)) on[$1] = 1
				next
			}
			NF >= 3 && $1 != "" && (ENVIRON["__CONE_P"] == "" || index(tolower($1), tolower(ENVIRON["__CONE_P"])) == 1) && !seen[$1]++ {
				if ($1 in on) print $1; else rest[n++] = $1
			}
			END { for (i = 0; i < n; i++) print rest[i] }
		' "${grants}" "${dir}/profiles" 2>/dev/null || true
	)
	if [[ -n ${2-} ]]; then
		COMPREPLY=("${COMPREPLY[@]/#/"$2"}")
	fi
}

# Sets __cone_shell_aws_{command,function,options} from the arguments of the
# `complete` command that `aws` had before init.
__cone_shell_parse_completion() {
	__cone_shell_aws_command='' __cone_shell_aws_function='' __cone_shell_aws_options=()
	while (($# > 1)); do
		case $1 in
		-C) __cone_shell_aws_command=$2 ;;
		-F) __cone_shell_aws_function=$2 ;;
		-o) __cone_shell_aws_options+=("$2") ;;
		-[AGWPSX]) ;;
		*) shift && continue ;;
		esac
		shift 2
	done
}

# `aws` completion: profile names after --profile, everything else from the
# completion aws had before (normally aws_completer).
__cone_shell_complete_aws() {
	local cur=${COMP_WORDS[COMP_CWORD]-} prev='' prev2='' completer option
	if ((COMP_CWORD > 0)); then
		prev=${COMP_WORDS[COMP_CWORD - 1]}
	fi
	if ((COMP_CWORD > 1)); then
		prev2=${COMP_WORDS[COMP_CWORD - 2]}
	fi
	# bash splits `--profile=pro` into `--profile`, `=`, `pro` when COMP_WORDBREAKS has
	# `=` (the default); the word it replaces then starts after the `=`.
	if [[ ${cur} == = && ${prev} == --profile ]]; then
		__cone_shell_complete_profiles ''
	elif [[ ${prev} == --profile || (${prev} == = && ${prev2} == --profile) ]]; then
		__cone_shell_complete_profiles "${cur}"
	elif [[ ${cur} == --profile=* ]]; then
		__cone_shell_complete_profiles "${cur#--profile=}" --profile=
	elif [[ -n ${__cone_shell_aws_function-} ]]; then
		for option in "${__cone_shell_aws_options[@]}"; do
			compopt -o "${option}" 2>/dev/null || true
		done
		"${__cone_shell_aws_function}" "${COMP_WORDS[0]}" "${cur}" "${prev}"
	else
		completer=${__cone_shell_aws_command:-aws_completer}
		if type -P "${completer}" >/dev/null; then
			mapfile -t COMPREPLY < <(
				export COMP_LINE COMP_POINT
				"${completer}" "${COMP_WORDS[0]}" "${cur}" "${prev}" 2>/dev/null || true
			)
		else
			compopt -o default 2>/dev/null || true
			COMPREPLY=()
		fi
	fi
	return 0
}

# cone-shell's own completion is the binary's (swift-argument-parser's), loaded
# on the first TAB; 124 tells bash to start over with it.
__cone_shell_complete_cone_shell() {
	local script
	script=$("${__cone_shell_bin}" --generate-completion-script bash 2>/dev/null) || return 0
	eval "${script}" && return 124
}

if [[ $- == *i* ]]; then
	if ((BASH_VERSINFO[0] > 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] >= 4))); then
		if complete -p aws >/dev/null 2>&1; then
			__cone_shell_spec=$(complete -p aws)
			if [[ ${__cone_shell_spec} != *__cone_shell_complete_aws* ]]; then
				eval "__cone_shell_parse_completion ${__cone_shell_spec#complete }"
			fi
			unset __cone_shell_spec
		fi
		complete -F __cone_shell_complete_aws aws
		if ! complete -p cone-shell >/dev/null 2>&1; then
			complete -F __cone_shell_complete_cone_shell cone-shell
		fi
	fi

	# For `cone-shell doctor`, which cannot see this shell's hooks: the hook
	# changes `init` to `prompt` (see __cone_shell_update).
	if [[ ${__cone_shell_marker-} != "bash $$ "* ]]; then
		export __cone_shell_marker="bash $$ init"
	fi

	# The prompt hook, once, first (so later hooks see CONE_SHELL_PROMPT), in
	# PROMPT_COMMAND's string or array form.
	if [[ -v PROMPT_COMMAND && ${PROMPT_COMMAND@a} == *a* ]]; then
		if [[ " ${PROMPT_COMMAND[*]} " != *" __cone_shell_hook "* ]]; then
			PROMPT_COMMAND=(__cone_shell_hook "${PROMPT_COMMAND[@]}")
		fi
	elif [[ ${PROMPT_COMMAND-} != *__cone_shell_hook* ]]; then
		# The string form here; the array form is handled above.
		# shellcheck disable=SC2128,SC2178
		PROMPT_COMMAND="__cone_shell_hook${PROMPT_COMMAND:+;${PROMPT_COMMAND}}"
	fi
fi

if [[ ${__cone_shell_aliases} == 1 ]]; then
	shopt -s expand_aliases
fi
unset __cone_shell_aliases
