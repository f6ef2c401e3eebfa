/* The activ command line: one file per command, on top of the public API. */
#ifndef ACTIV_CLI_H
#define ACTIV_CLI_H

#include <stdio.h>

#include "activ/activ.h"
#include "report/json_out.h"

int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_doc(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_props(int argc, char **argv);
int cmd_merge(int argc, char **argv);

/* Exit codes: 0 success, 1 failure while working, 2 bad usage or input. */
enum { EXIT_USAGE = 2 };

/* Prints "activ: " and the message to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Resolves an activation spec, printing a clear error (with suggestions) on failure. */
const activ_entry *cli_resolve(const char *spec, double *p);

/* Parses a whole string as a number; 0 on success. */
int cli_number(const char *s, double *out);

/* The computed properties as a JSON object (which are computed and which declared included). */
void json_props(FILE *f, const activ_props *p);

/* Text helpers. */
const char *tri_str(activ_tri t);
void print_wrapped(FILE *f, const char *indent, const char *text, int width);
void format_range(const activ_param *p, char *buf, size_t len);
void format_share(unsigned share, char *buf, size_t len);
void format_bound(const activ_entry *e, char *buf, size_t len);

#endif
