/* activ search: train a model with each candidate activation and report which wins. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "search/mpi_driver.h"
#include "search/search.h"
#include "search/shard.h"

static void search_usage(FILE *f)
{
    fprintf(f, "usage: activ search [--preset quick|default|paper] [--model mlp|cnn|resnet|@FILE|DESC]\n"
               "         [--acts seed|benchmark|all|NAME,...] [--baseline relu] [--seeds N] [--epochs N]\n"
               "         [--data fashion-mnist|mnist|cifar10|DIR] [--train-size N] [--val-size N]\n"
               "         [--batch N] [--lr X] [--optim adam|sgd|adamw] [--jobs N] [--shard K/N] [--quiet] [-o DIR]\n\n"
               "Trains the model once per (activation, seed), picks each run's epoch on the validation split,\n"
               "measures test accuracy there and writes the journal and the report to DIR (default out/search).\n"
               "Interrupted? Run the same command again: finished runs are kept.\n"
               "--shard K/N trains only part K of N of the runs (no report: 'activ merge' writes it);\n"
               "under mpirun the ranks share the runs and rank 0 writes the journal (docs/cluster.md).  Presets:\n");
    for (const search_preset *p = search_presets(); p->name; p++)
        fprintf(f, "  %-8s %s: %s, %s, %d seeds, %d epochs (%s)\n", p->name, p->what, p->model, p->acts, p->seeds,
                p->epochs, p->budget);
}

/* A whole number in [lo, hi] from a flag's value; -1 with a message if it is not. */
static int whole_arg(const char *flag, const char *s, double lo, double hi, double *out)
{
    if (cli_number(s, out) || *out != floor(*out) || *out < lo || *out > hi) {
        cli_error("%s '%s': expected a whole number from %.0f to %.0f", flag, s, lo, hi);
        return -1;
    }
    return 0;
}

static char *join_command_line(int argc, char **argv)
{
    size_t len = 16;
    for (int i = 0; i < argc; i++) len += strlen(argv[i]) + 3;
    char *s = malloc(len);
    if (!s) return NULL;
    strcpy(s, "activ");
    for (int i = 0; i < argc; i++) {
        int quote = argv[i][strcspn(argv[i], " \t;'\"")] != 0;
        strcat(s, quote ? " '" : " ");
        strcat(s, argv[i]);
        if (quote) strcat(s, "'");
    }
    return s;
}

typedef struct search_args {
    const char *preset, *acts, *baseline, *dir;
    int jobs, quiet, shard_k, shard_n;
} search_args;

/* Applies one flag and its value to cfg or args; 1 if it took the value, 0 if none, -1 on error. */
static int apply_flag(const char *flag, const char *v, search_config *cfg, search_args *a)
{
    double x;
    if (!strcmp(flag, "--quiet")) return a->quiet = 1, 0;
    if (!v) {
        cli_error("%s needs a value (see 'activ search --help')", flag);
        return -1;
    }
    if (!strcmp(flag, "--preset")) a->preset = v;
    else if (!strcmp(flag, "--acts")) a->acts = v;
    else if (!strcmp(flag, "--baseline")) a->baseline = v;
    else if (!strcmp(flag, "-o")) a->dir = v;
    else if (!strcmp(flag, "--shard")) {
        char err[256];
        if (search_shard_parse(v, &a->shard_k, &a->shard_n, err, sizeof err)) {
            cli_error("%s", err);
            return -1;
        }
    }
    else if (!strcmp(flag, "--model")) snprintf(cfg->model, sizeof cfg->model, "%s", v);
    else if (!strcmp(flag, "--data")) snprintf(cfg->data, sizeof cfg->data, "%s", v);
    else if (!strcmp(flag, "--optim")) snprintf(cfg->optim, sizeof cfg->optim, "%s", v);
    else if (!strcmp(flag, "--lr")) {
        if (cli_number(v, &cfg->lr) || !(cfg->lr > 0)) {
            cli_error("--lr '%s': expected a positive number", v);
            return -1;
        }
    } else if (!strcmp(flag, "--seeds") || !strcmp(flag, "--epochs") || !strcmp(flag, "--batch") ||
               !strcmp(flag, "--jobs")) {
        if (whole_arg(flag, v, 1, 100000, &x)) return -1;
        int *dst = flag[2] == 's' ? &cfg->seeds : flag[2] == 'e' ? &cfg->epochs : flag[2] == 'b' ? &cfg->batch
                                                                                              : &a->jobs;
        *dst = (int)x;
    } else if (!strcmp(flag, "--train-size") || !strcmp(flag, "--val-size")) {
        if (whole_arg(flag, v, 0, 1e12, &x)) return -1;
        *(flag[2] == 't' ? &cfg->train_size : &cfg->val_size) = (size_t)x;
    } else {
        cli_error("unknown option '%s' (see 'activ search --help')", flag);
        return -1;
    }
    return 1;
}

/* The preset first, whatever its place, so that explicit flags override it. */
static const search_preset *find_preset(int argc, char **argv)
{
    const char *name = "default";
    for (int i = 1; i + 1 < argc; i++)
        if (!strcmp(argv[i], "--preset")) name = argv[i + 1];
    const search_preset *p = search_preset_find(name);
    if (!p) cli_error("--preset '%s': expected quick, default or paper", name);
    return p;
}

int cmd_search(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            search_usage(stdout);
            return 0;
        }
    const search_preset *preset = find_preset(argc, argv);
    if (!preset) return EXIT_USAGE;
    search_config cfg;
    search_config_from_preset(&cfg, preset);
    search_args a = {preset->name, preset->acts, "relu", "out/search", 0, 0, 0, 0};
    int rc = EXIT_USAGE;
    for (int i = 1; i < argc; i++) {
        int took = apply_flag(argv[i], i + 1 < argc ? argv[i + 1] : NULL, &cfg, &a);
        if (took < 0) goto done;
        i += took;
    }
    char err[1024];
    if (search_config_set_acts(&cfg, a.acts, a.baseline, err, sizeof err) ||
        search_config_finish(&cfg, err, sizeof err)) {
        cli_error("%s", err);
        goto done;
    }
    char *command_line = join_command_line(argc, argv);
    search_options o = {&cfg, a.dir, a.jobs,
                        a.quiet ? PROGRESS_QUIET : isatty(STDERR_FILENO) ? PROGRESS_LIVE : PROGRESS_LINES,
                        command_line, preset->name, a.shard_k, a.shard_n};
    rc = search_mpi_launched() ? search_mpi_execute(&o) : search_execute(&o);
    free(command_line);
done:
    search_config_free(&cfg);
    return rc;
}
