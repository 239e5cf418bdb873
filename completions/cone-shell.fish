function __cone-shell_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __cone-shell_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __cone-shell_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __cone-shell_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __cone-shell_parse_tokens -S
    set -l unparsed_tokens (__cone-shell_tokens -pc)
    switch $unparsed_tokens[1]
    case 'cone-shell'
        __cone-shell_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'init'
            __cone-shell_parse_subcommand 1 'version' 'h/help'
        case 'prompt'
            __cone-shell_parse_subcommand 0 'profile=' 'markup=' 'active-format=' 'pending-format=' 'others-format=' 'none-format=' 'version' 'h/help'
        case 'help'
            __cone-shell_parse_subcommand -r 1 'version'
        end
    end
end

function __cone-shell_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __cone-shell_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __cone-shell_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __cone-shell_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__cone-shell_tokens -p)
    if test -z "$(__cone-shell_tokens -t)"
        set -l index (count (__cone-shell_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'cone-shell' -f
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'init' -d 'Print the shell integration script for bash, zsh or fish.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'prompt' -d 'Print the prompt segment: the current profile\'s grant and the other active grants.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell init" -eq 1' -fka 'bash zsh fish'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell init" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell prompt" profile' -l 'profile' -d 'The profile to show (default: from the environment).' -rfka '(__cone-shell_custom_completion ---completion prompt -- --profile (count (__cone-shell_tokens -pc)) (__cone-shell_tokens -tC))'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell prompt" markup' -l 'markup' -d 'How colour escapes are marked for the prompt: plain, bash or zsh.' -rfka 'plain bash zsh'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell prompt" active-format' -l 'active-format' -d 'Overrides CONE_SHELL_PROMPT_ACTIVE.' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell prompt" pending-format' -l 'pending-format' -d 'Overrides CONE_SHELL_PROMPT_PENDING.' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell prompt" others-format' -l 'others-format' -d 'Overrides CONE_SHELL_PROMPT_OTHERS.' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell prompt" none-format' -l 'none-format' -d 'Overrides CONE_SHELL_PROMPT_NONE.' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell prompt" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell prompt" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell help" version' -l 'version' -d 'Show the version.'
