#ifndef CONE_SHELL_CREADLINE_SHIM_H
#define CONE_SHELL_CREADLINE_SHIM_H

// readline.h uses FILE without including stdio.h.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

// Swift 6 refuses to touch readline's mutable C globals directly (they are shared
// mutable state), so every global the line editor needs is set through these.
static inline void cone_rl_set_name(const char *name) { rl_readline_name = name; }
static inline void cone_rl_set_completer(rl_completion_func_t *f) {
  rl_attempted_completion_function = f;
}
static inline void cone_rl_no_filename_fallback(void) { rl_attempted_completion_over = 1; }
static inline const char *cone_rl_line_buffer(void) { return rl_line_buffer; }
static inline int cone_rl_point(void) { return rl_point; }
static inline void cone_rl_set_catch_signals(int on) { rl_catch_signals = on; }
static inline void cone_rl_set_startup_hook(rl_hook_func_t *f) { rl_startup_hook = f; }
static inline void cone_rl_set_event_hook(rl_hook_func_t *f) { rl_event_hook = f; }
static inline void cone_rl_set_done(int done) { rl_done = done; }
static inline void cone_rl_set_completion_append_character(int c) {
  rl_completion_append_character = c;
}
static inline void cone_rl_set_outstream(FILE *f) { rl_outstream = f; }
static inline void cone_rl_set_instream(FILE *f) { rl_instream = f; }

static inline FILE *cone_rl_instream(void) { return rl_instream; }
static inline FILE *cone_rl_outstream(void) { return rl_outstream; }
static inline FILE *cone_stdin(void) { return stdin; }
static inline FILE *cone_stderr(void) { return stderr; }
static inline void cone_rl_set_prep_term_function(rl_vintfunc_t *f) { rl_prep_term_function = f; }
static inline void cone_rl_set_redisplay_function(rl_voidfunc_t *f) { rl_redisplay_function = f; }
static inline void cone_rl_set_completer_word_break_characters(const char *s) {
  rl_completer_word_break_characters = s;
}
static inline void cone_rl_set_sort_completion_matches(int on) { rl_sort_completion_matches = on; }
static inline void cone_rl_set_change_environment(int on) { rl_change_environment = on; }
static inline void cone_rl_set_terminal_name(const char *name) { rl_terminal_name = name; }

#endif
