/*
 * activ train: train one model with one activation on a data set and report
 * per-epoch losses and accuracies, the test accuracy at the epoch chosen on
 * the validation split, time per epoch and peak memory; a JSON log.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "activ/train.h"
#include "cli.h"
#include "util/atomic_file.h"

typedef struct progress_ctx {
    int tty, quiet, json;
} progress_ctx;

static void on_progress(void *ctx, int epoch, int epochs, size_t step, size_t steps, double loss, double acc,
                        double img_per_s)
{
    const progress_ctx *pc = ctx;
    if (!pc->tty || pc->quiet || (step % 8 && step != steps)) return;
    const int width = 24, done = (int)((double)width * (double)step / (double)steps);
    char bar[32];
    for (int i = 0; i < width; i++) bar[i] = i < done ? '#' : '.';
    bar[width] = 0;
    fprintf(stderr, "\r  epoch %d/%d [%s] %zu/%zu  loss %.4f  acc %5.2f%%  %.0f img/s \033[K", epoch, epochs, bar, step,
            steps, loss, 100 * acc, img_per_s);
    if (step == steps) fprintf(stderr, "\r\033[K");
}

static void on_epoch(void *ctx, const activ_epoch_log *lg)
{
    const progress_ctx *pc = ctx;
    if (pc->quiet) return;
    FILE *f = pc->json ? stderr : stdout;
    fprintf(f, "epoch %3d  train loss %.4f acc %6.2f%%  val loss %.4f acc %6.2f%%  %6.2f s  lr %.3g\n", lg->epoch,
            lg->train_loss, 100 * lg->train_acc, lg->val_loss, 100 * lg->val_acc, lg->seconds, lg->lr);
    fflush(f);
}

static void write_json(FILE *f, const activ_train_config *c, const char *data, const activ_train_result *r,
                       double total)
{
    fprintf(f, "{\"activ_version\": \"%s\", \"model\": ", ACTIV_VERSION_STRING);
    json_string(f, c->model);
    fprintf(f, ", \"act\": ");
    json_string(f, c->act);
    fprintf(f, ", \"data\": ");
    json_string(f, data);
    fprintf(f, ", \"optim\": \"%s\", \"lr\": ", c->optim);
    json_number(f, c->lr);
    fprintf(f, ", \"batch\": %d, \"epochs\": %d, \"seed\": %llu, \"threads\": %d, \"init\": \"%s\",\n", c->batch,
            c->epochs, (unsigned long long)c->seed, c->threads, c->init);
    fprintf(f, " \"params\": %zu, \"diverged\": %s, \"diverged_epoch\": %d, \"best_epoch\": %d, \"best_val_acc\": ",
            r->params, r->diverged ? "true" : "false", r->diverged_epoch, r->best_epoch);
    json_number(f, r->best_val_acc);
    fprintf(f, ", \"test_acc\": ");
    json_number(f, r->test_acc);
    fprintf(f, ", \"test_loss\": ");
    json_number(f, r->test_loss);
    fprintf(f, ", \"sec_per_epoch\": ");
    json_number(f, r->sec_per_epoch);
    fprintf(f, ", \"peak_rss_mb\": ");
    json_number(f, r->peak_rss_mb);
    fprintf(f, ", \"total_seconds\": ");
    json_number(f, total);
    fprintf(f, ",\n \"epochs_log\": [");
    for (int e = 0; e < r->epochs_run; e++) {
        const activ_epoch_log *l = &r->log[e];
        fprintf(f, "%s\n  {\"epoch\": %d, \"train_loss\": ", e ? "," : "", l->epoch);
        json_number(f, l->train_loss);
        fprintf(f, ", \"train_acc\": ");
        json_number(f, l->train_acc);
        fprintf(f, ", \"val_loss\": ");
        json_number(f, l->val_loss);
        fprintf(f, ", \"val_acc\": ");
        json_number(f, l->val_acc);
        fprintf(f, ", \"seconds\": ");
        json_number(f, l->seconds);
        fprintf(f, ", \"lr\": ");
        json_number(f, l->lr);
        fprintf(f, "}");
    }
    fprintf(f, "]}\n");
}

static int mkdirs(const char *path)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            if (mkdir(buf, 0777) && errno != EEXIST) return -1;
            *p = '/';
        }
    return 0;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: activ train [--model mlp|cnn|resnet|@FILE|DESC] [--act NAME[:k=v]] [--epochs N] [--batch N]\n"
               "         [--optim adam|adamw|sgd] [--lr X] [--momentum X] [--wd X] [--decay-act]\n"
               "         [--schedule none|step|cosine] [--init auto|he|lecun|xavier|torch] [--seed N] [--threads N]\n"
               "         [--data fashion-mnist|mnist|cifar10|DIR] [--val-size N] [--train-size N] [--augment]\n"
               "         [--norm unit|meanstd]\n"
               "         [--save FILE] [--load FILE] [--log FILE] [--json] [--quiet] [--summary] [--profile]\n");
}

int cmd_train(int argc, char **argv)
{
    activ_train_config cfg;
    activ_train_config_default(&cfg);
    const char *data = "fashion-mnist", *save = NULL, *load = NULL, *log_path = NULL, *norm = "unit";
    int json = 0, summary = 0, profile = 0;
    double train_size = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        double num = 0;
#define NUMBER(lo, hi)                                                                                                 \
    (v && !cli_number(v, &num) && num >= (lo) && num <= (hi) ? (i++, 1)                                                \
                                                             : (cli_error("%s needs a number in [%g, %g]", a, (double)(lo), (double)(hi)), 0))
        if (!strcmp(a, "--model") && v) cfg.model = argv[++i];
        else if (!strcmp(a, "--act") && v) cfg.act = argv[++i];
        else if (!strcmp(a, "--optim") && v) cfg.optim = argv[++i];
        else if (!strcmp(a, "--schedule") && v) cfg.schedule = argv[++i];
        else if (!strcmp(a, "--init") && v) cfg.init = argv[++i];
        else if (!strcmp(a, "--data") && v) data = argv[++i];
        else if (!strcmp(a, "--save") && v) save = argv[++i];
        else if (!strcmp(a, "--load") && v) load = argv[++i];
        else if (!strcmp(a, "--log") && v) log_path = argv[++i];
        else if (!strcmp(a, "--norm") && v) norm = argv[++i];
        else if (!strcmp(a, "--epochs")) { if (!NUMBER(1, 100000)) return EXIT_USAGE; cfg.epochs = (int)num; }
        else if (!strcmp(a, "--batch")) { if (!NUMBER(1, 65536)) return EXIT_USAGE; cfg.batch = (int)num; }
        else if (!strcmp(a, "--lr")) { if (!NUMBER(1e-12, 99)) return EXIT_USAGE; cfg.lr = num; }
        else if (!strcmp(a, "--momentum")) { if (!NUMBER(0, 0.9999)) return EXIT_USAGE; cfg.momentum = num; }
        else if (!strcmp(a, "--wd")) { if (!NUMBER(0, 0.9999)) return EXIT_USAGE; cfg.weight_decay = num; }
        else if (!strcmp(a, "--seed")) { if (!NUMBER(0, 1e15)) return EXIT_USAGE; cfg.seed = (uint64_t)num; }
        else if (!strcmp(a, "--threads")) { if (!NUMBER(0, 1024)) return EXIT_USAGE; cfg.threads = (int)num; }
        else if (!strcmp(a, "--val-size")) { if (!NUMBER(0, 1e9)) return EXIT_USAGE; cfg.val_size = (size_t)num; }
        else if (!strcmp(a, "--train-size")) { if (!NUMBER(1, 1e9)) return EXIT_USAGE; train_size = num; }
        else if (!strcmp(a, "--decay-act")) cfg.decay_act_params = 1;
        else if (!strcmp(a, "--augment")) cfg.augment = 1;
        else if (!strcmp(a, "--json")) json = 1;
        else if (!strcmp(a, "--quiet")) cfg.quiet = 1;
        else if (!strcmp(a, "--summary")) summary = 1;
        else if (!strcmp(a, "--profile")) profile = 1;
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) return usage(stdout), 0;
        else {
            cli_error("unknown or incomplete option '%s'", a);
            usage(stderr);
            return EXIT_USAGE;
        }
#undef NUMBER
    }
    double p[ACTIV_MAX_PARAMS];
    if (!cli_resolve(cfg.act, p)) return EXIT_USAGE;
    if (strcmp(norm, "unit") && strcmp(norm, "meanstd")) {
        cli_error("--norm must be unit (pixels / 255) or meanstd (standardised per channel), not '%s'", norm);
        return EXIT_USAGE;
    }

    char err[512];
    activ_dataset all = {0}, test = {0}, train = {0}, val = {0};
    if (activ_load_named(!strcmp(data, "fashion-mnist") ? NULL : data, NULL, &all, &test, err, sizeof err)) {
        cli_error("%s", err);
        return EXIT_USAGE;
    }
    if (cfg.val_size >= all.n) {
        cli_error("--val-size %zu leaves no training data (%s has %zu training images)", cfg.val_size, all.name, all.n);
        activ_dataset_free(&all), activ_dataset_free(&test);
        return EXIT_USAGE;
    }
    if (cfg.val_size) {
        if (activ_dataset_split(&all, cfg.val_size, cfg.seed, &train, &val, err, sizeof err)) {
            cli_error("%s", err);
            return EXIT_USAGE;
        }
        activ_dataset_free(&all);
    } else {
        train = all;
    }
    if (train_size && train_size < (double)train.n) train.n = (size_t)train_size; /* the split is already shuffled */
    if (!strcmp(norm, "meanstd")) {
        /* statistics of the training part only: validation and test must not leak into them */
        double mean[4] = {0}, sd[4] = {0};
        if (train.c > 4) {
            cli_error("--norm meanstd supports up to 4 channels");
            activ_dataset_free(&train), activ_dataset_free(&val), activ_dataset_free(&test);
            return EXIT_USAGE;
        }
        activ_dataset_stats(&train, mean, sd);
        activ_dataset_normalize(&train, mean, sd);
        if (val.n) activ_dataset_normalize(&val, mean, sd);
        activ_dataset_normalize(&test, mean, sd);
    }

    activ_net *net = activ_net_build(cfg.model, cfg.act, train.c, train.h, train.w, train.classes, cfg.init, cfg.seed,
                                     err, sizeof err);
    if (!net || (load && activ_net_load(net, load, err, sizeof err)) ||
        (profile && activ_net_profile(net, 1) && snprintf(err, sizeof err, "out of memory"))) {
        cli_error("%s", err);
        activ_net_free(net), activ_dataset_free(&train), activ_dataset_free(&val), activ_dataset_free(&test);
        return EXIT_USAGE;
    }
    progress_ctx pc = {.tty = isatty(2), .quiet = cfg.quiet, .json = json};
    FILE *out = json ? stderr : stdout;
    if (!cfg.quiet) {
        fprintf(out, "activ train: %s with %s on %s (%zu train, %zu validation, %zu test), %d epochs, batch %d, %s\n",
                cfg.model, cfg.act, train.name[0] ? train.name : data, train.n, val.n, test.n, cfg.epochs, cfg.batch,
                cfg.optim);
        if (summary) fprintf(out, "%s", activ_net_summary(net));
    }
    activ_train_hooks hooks = {on_progress, on_epoch, &pc};
    activ_train_result r;
    struct timespec ts0, ts1;
    clock_gettime(CLOCK_MONOTONIC, &ts0);
    int rc = activ_train(&cfg, net, &train, val.n ? &val : NULL, &test, &hooks, &r, err, sizeof err);
    clock_gettime(CLOCK_MONOTONIC, &ts1);
    const double total = (double)(ts1.tv_sec - ts0.tv_sec) + 1e-9 * (double)(ts1.tv_nsec - ts0.tv_nsec);
    activ_dataset_free(&train), activ_dataset_free(&val), activ_dataset_free(&test);
    if (rc) {
        cli_error("%s", err);
        activ_net_free(net);
        return 1;
    }
    if (!cfg.quiet) {
        if (r.diverged)
            fprintf(out, "diverged: the training loss became NaN or infinite in epoch %d; stopped\n", r.diverged_epoch);
        fprintf(out, "test accuracy %.2f%% (loss %.4f) with the weights of epoch %d%s; %.2f s per epoch, peak memory "
                     "%.0f MB, %zu parameters\n",
                100 * r.test_acc, r.test_loss, r.best_epoch, val.n ? " (best on validation)" : "", r.sec_per_epoch,
                r.peak_rss_mb, r.params);
    }
    if (profile) fprintf(out, "time per layer over all epochs:\n%s", activ_net_profile_report(net));
    char default_log[512];
    if (!log_path) {
        char act_clean[128];
        size_t k = 0;
        for (const char *s = cfg.act; *s && k + 1 < sizeof act_clean; s++)
            act_clean[k++] = (char)((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.' ? *s : '_');
        act_clean[k] = 0;
        const char *model_name = activ_model_preset(cfg.model) ? cfg.model : "custom";
        snprintf(default_log, sizeof default_log, "out/train/%s_%s_seed%llu.json", model_name, act_clean,
                 (unsigned long long)cfg.seed);
        log_path = default_log;
    }
    atomic_file af;
    if (mkdirs(log_path) || atomic_open(&af, log_path)) {
        cli_error("cannot write the log %s: %s", log_path, strerror(errno));
        rc = 1;
    } else {
        write_json(af.f, &cfg, data, &r, total);
        if (atomic_commit(&af)) cli_error("cannot write the log %s: %s", log_path, strerror(errno)), rc = 1;
        else if (!cfg.quiet) fprintf(out, "log: %s\n", log_path);
    }
    if (save) {
        if (activ_net_save(net, save, err, sizeof err)) cli_error("%s", err), rc = 1;
        else if (!cfg.quiet) fprintf(out, "saved: %s\n", save);
    }
    if (json) write_json(stdout, &cfg, data, &r, total);
    const int diverged = r.diverged;
    activ_train_result_free(&r);
    activ_net_free(net);
    return rc ? 1 : diverged ? 3 : 0;
}
