#define _GNU_SOURCE /* flock, open_memstream */
#include "search/journal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "report/json_out.h"
#include "util/atomic_file.h"

static int make_dir(const char *path, char *err, size_t errlen)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        snprintf(err, errlen, "%.80s...: path too long", path);
        return -1;
    }
    for (char *c = buf + 1;; c++) {
        if (*c && *c != '/') continue;
        char keep = *c;
        *c = 0;
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
            snprintf(err, errlen, "cannot create %s: %s", buf, strerror(errno));
            return -1;
        }
        *c = keep;
        if (!keep) break;
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s exists and is not a directory", path);
        return -1;
    }
    return 0;
}

int journal_prepare(const char *dir, char *err, size_t errlen)
{
    char runs[4096];
    snprintf(runs, sizeof runs, "%s/runs", dir);
    return make_dir(dir, err, errlen) || make_dir(runs, err, errlen) ? -1 : 0;
}

int journal_lock(const char *dir, const char *name, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        snprintf(err, errlen, "another search%s is running in %s (it holds %s)", strstr(name, "shard") ? " of this shard" : "",
                 dir, path);
        close(fd);
        return -1;
    }
    return fd;
}

static void write_config(FILE *f, const search_config *c)
{
    fputs("{\n    \"activ_version\": ", f);
    json_string(f, c->version);
    fputs(",\n    \"model\": ", f);
    json_string(f, c->model);
    fputs(",\n    \"model_desc\": ", f);
    json_string(f, c->model_desc ? c->model_desc : "");
    fputs(",\n    \"data\": ", f);
    json_string(f, c->data);
    fprintf(f, ",\n    \"train_size\": %zu,\n    \"val_size\": %zu,\n    \"baseline\": ", c->train_size, c->val_size);
    json_string(f, c->baseline);
    fputs(",\n    \"acts\": [", f);
    for (size_t i = 0; i < c->nacts; i++) {
        if (i) fputs(", ", f);
        json_string(f, c->acts[i]);
    }
    fprintf(f, "],\n    \"seeds\": %d,\n    \"epochs\": %d,\n    \"batch\": %d,\n    \"optim\": ", c->seeds, c->epochs,
            c->batch);
    json_string(f, c->optim);
    fputs(",\n    \"lr\": ", f);
    json_number(f, c->lr);
    fputs(",\n    \"momentum\": ", f);
    json_number(f, c->momentum);
    fputs(",\n    \"weight_decay\": ", f);
    json_number(f, c->weight_decay);
    fputs(",\n    \"schedule\": ", f);
    json_string(f, c->schedule);
    fprintf(f, ",\n    \"step_every\": %d,\n    \"step_gamma\": ", c->step_every);
    json_number(f, c->step_gamma);
    fprintf(f, ",\n    \"augment\": %s,\n    \"init\": ", c->augment ? "true" : "false");
    json_string(f, c->init);
    fputs("\n  }", f);
}

int journal_config_json(const search_config *cfg, sjson *out, char *err, size_t errlen)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    write_config(f, cfg);
    fclose(f);
    int rc = sjson_parse(text, len, out, err, errlen);
    free(text);
    return rc;
}

/* A value for a message, cut to a readable length. */
static void describe(const sjson *v, char *out, size_t len)
{
    if (!v) {
        snprintf(out, len, "(absent)");
        return;
    }
    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    if (!f) {
        snprintf(out, len, "?");
        return;
    }
    sjson_write(f, v);
    fclose(f);
    if (n > 60) snprintf(out, len, "%.57s...", text);
    else snprintf(out, len, "%s", text);
    free(text);
}

int journal_config_diff(const sjson *old, const sjson *now, const char *in_old, const char *in_now, char *out,
                        size_t len)
{
    int count = 0;
    size_t used = 0;
    out[0] = 0;
    for (int pass = 0; pass < 2; pass++) {
        const sjson *a = pass ? old : now, *b = pass ? now : old;
        for (size_t i = 0; i < a->n; i++) {
            const sjson *other = sjson_get(b, a->keys[i]);
            if (pass && other) continue; /* both have it: compared in the first pass */
            if (other && sjson_equal(&a->items[i], other)) continue;
            char was[80], is[80];
            describe(pass ? &a->items[i] : other, was, sizeof was);
            describe(pass ? other : &a->items[i], is, sizeof is);
            int k = snprintf(out + used, len - used, "\n  %s: %s %s, %s %s", a->keys[i], was, in_old, is, in_now);
            if (k > 0 && used + (size_t)k < len) used += (size_t)k;
            count++;
        }
    }
    return count;
}

static void write_config_file(FILE *f, const search_config *cfg, const char *command_line, const char *preset)
{
    char when[64];
    time_t now = time(NULL);
    struct tm tm;
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    fputs("{\n  \"format\": \"" JOURNAL_CONFIG_FORMAT "\",\n  \"config\": ", f);
    write_config(f, cfg);
    fputs(",\n  \"created\": ", f);
    json_string(f, when);
    fputs(",\n  \"command_line\": ", f);
    json_string(f, command_line ? command_line : "");
    fputs(",\n  \"preset\": ", f);
    json_string(f, preset ? preset : "");
    fputs("\n}\n", f);
}

/*
 * Creates path whole, unless it exists: shards starting together in one DIR
 * (on a shared file system too) must not replace each other's search.json,
 * so the file is written beside it and hard-linked into place, which fails
 * if another got there first.  0 written, 1 it existed, -1 error.
 */
static int write_new_config(const char *path, const search_config *cfg, const char *command_line,
                            const char *preset, char *err, size_t errlen)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.new.XXXXXX", path);
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        if (fd >= 0) close(fd), unlink(tmp);
        return -1;
    }
    fchmod(fd, 0644);
    write_config_file(f, cfg, command_line, preset);
    int ok = fflush(f) == 0 && fsync(fd) == 0;
    ok = fclose(f) == 0 && ok;
    int rc = 0;
    if (!ok) rc = -1;
    else if (link(tmp, path) != 0) rc = errno == EEXIST ? 1 : -1;
    if (rc < 0) snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
    unlink(tmp);
    return rc;
}

int journal_open_config(const char *dir, const search_config *cfg, const char *command_line, const char *preset,
                        char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/search.json", dir);
    if (access(path, F_OK) != 0) {
        int w = write_new_config(path, cfg, command_line, preset, err, errlen);
        if (w <= 0) return w; /* written, or an error; 1: another shard wrote it first, so check it */
    }
    sjson file, now;
    char why[512];
    if (sjson_parse_file(path, &file, why, sizeof why)) {
        snprintf(err, errlen, "%s\n(the journal's configuration is unreadable: delete %s, or use another -o DIR)", why,
                 dir);
        return -1;
    }
    const sjson *format = sjson_get(&file, "format"), *old = sjson_get(&file, "config");
    if (!format || format->type != SJSON_STR || strcmp(format->str, JOURNAL_CONFIG_FORMAT) || !old ||
        old->type != SJSON_OBJ) {
        snprintf(err, errlen, "%s is not an activ search journal of format %s (delete %s, or use another -o DIR)",
                 path, JOURNAL_CONFIG_FORMAT, dir);
        sjson_free(&file);
        return -1;
    }
    if (journal_config_json(cfg, &now, err, errlen)) {
        sjson_free(&file);
        return -1;
    }
    char diff[2048];
    int n = journal_config_diff(old, &now, "in the journal", "now", diff, sizeof diff);
    if (n) snprintf(err, errlen, "%s holds a search with another configuration (%d field%s differ%s):%s\n"
                    "Run the same command as before to resume it, use another -o DIR for this one, "
                    "or delete %s to start over.", dir, n, n == 1 ? "" : "s", n == 1 ? "s" : "", diff, dir);
    sjson_free(&file);
    sjson_free(&now);
    return n ? 1 : 0;
}

void journal_run_path(const char *dir, const char *id, char *out, size_t len)
{
    snprintf(out, len, "%s/runs/%s.json", dir, id);
}

static void write_epoch(FILE *f, const activ_epoch_log *e)
{
    fprintf(f, "{\"epoch\": %d, \"train_loss\": ", e->epoch);
    json_number(f, e->train_loss);
    fputs(", \"train_acc\": ", f);
    json_number(f, e->train_acc);
    fputs(", \"val_loss\": ", f);
    json_number(f, e->val_loss);
    fputs(", \"val_acc\": ", f);
    json_number(f, e->val_acc);
    fputs(", \"lr\": ", f);
    json_number(f, e->lr);
    fputc('}', f);
}

static void write_run(FILE *f, const search_run *r, const journal_timing *t)
{
    fputs("{\n  \"format\": \"" JOURNAL_RUN_FORMAT "\",\n  \"act\": ", f);
    json_string(f, r->act);
    fprintf(f, ",\n  \"seed\": %d,\n  \"result\": {\n    \"diverged\": %s,\n    \"diverged_epoch\": %d,\n"
               "    \"epochs_run\": %d,\n    \"best_epoch\": %d,\n    \"best_val_acc\": ",
            r->seed, r->diverged ? "true" : "false", r->diverged_epoch, r->epochs_run, r->best_epoch);
    json_number(f, r->best_val_acc);
    fputs(",\n    \"test_acc\": ", f);
    json_number(f, r->test_acc);
    fputs(",\n    \"test_loss\": ", f);
    json_number(f, r->test_loss);
    fprintf(f, ",\n    \"params\": %zu,\n    \"epochs\": [", r->params);
    for (int i = 0; i < r->epochs_run; i++) {
        fputs(i ? ",\n      " : "\n      ", f);
        write_epoch(f, &r->log[i]);
    }
    fputs("\n    ]\n  },\n  \"timing\": {\n    \"sec_per_epoch\": ", f);
    json_number(f, r->sec_per_epoch);
    fputs(",\n    \"peak_rss_mb\": ", f);
    json_number(f, r->peak_rss_mb);
    fputs(",\n    \"epoch_seconds\": [", f);
    for (int i = 0; i < r->epochs_run; i++) {
        if (i) fputs(", ", f);
        json_number(f, r->log[i].seconds);
    }
    fprintf(f, "],\n    \"threads\": %d,\n    \"wall_seconds\": ", t ? t->threads : 0);
    json_number(f, t ? t->wall_seconds : NAN);
    fputs("\n  }\n}\n", f);
}

char *journal_run_text(const search_run *r, const journal_timing *t, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);
    if (!f) return NULL;
    write_run(f, r, t);
    if (fclose(f) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

int journal_write_run_text(const char *dir, const char *id, const char *text, size_t len, char *err, size_t errlen)
{
    char path[4096];
    journal_run_path(dir, id, path, sizeof path);
    atomic_file af;
    if (atomic_open(&af, path) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    fwrite(text, 1, len, af.f);
    if (atomic_commit(&af) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

int journal_write_run(const char *dir, const char *id, const search_run *r, const journal_timing *t, char *err,
                      size_t errlen)
{
    char path[4096];
    journal_run_path(dir, id, path, sizeof path);
    atomic_file af;
    if (atomic_open(&af, path) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    write_run(af.f, r, t);
    if (atomic_commit(&af) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* ---- reading ---------------------------------------------------------------- */

typedef struct reader {
    const char *path;
    char *err;
    size_t errlen;
    int failed;
} reader;

static const sjson *member(reader *rd, const sjson *obj, const char *key, sjson_type type)
{
    const sjson *v = sjson_get(obj, key);
    if (rd->failed) return NULL;
    if (!v || (v->type != type && !(type == SJSON_NUM && (v->type == SJSON_NULL || v->type == SJSON_STR)))) {
        snprintf(rd->err, rd->errlen, "%s: \"%s\" is missing or not a%s %s", rd->path, key,
                 type == SJSON_OBJ || type == SJSON_ARR ? "n" : "",
                 type == SJSON_OBJ ? "object" : type == SJSON_ARR ? "array" : type == SJSON_STR ? "string"
                 : type == SJSON_BOOL ? "boolean" : "number");
        rd->failed = 1;
        return NULL;
    }
    return v;
}

static double num(reader *rd, const sjson *obj, const char *key)
{
    const sjson *v = member(rd, obj, key, SJSON_NUM);
    double x = NAN;
    if (v && sjson_number(v, &x)) {
        snprintf(rd->err, rd->errlen, "%s: \"%s\" is not a number", rd->path, key);
        rd->failed = 1;
    }
    return x;
}

/* A whole number within [lo, hi]. */
static long long whole(reader *rd, const sjson *obj, const char *key, double lo, double hi)
{
    double x = num(rd, obj, key);
    if (!rd->failed && !(x >= lo && x <= hi && x == floor(x))) {
        snprintf(rd->err, rd->errlen, "%s: \"%s\" is %g, expected a whole number in [%g, %g]", rd->path, key, x, lo,
                 hi);
        rd->failed = 1;
    }
    return rd->failed ? 0 : (long long)x;
}

static int boolean(reader *rd, const sjson *obj, const char *key)
{
    const sjson *v = member(rd, obj, key, SJSON_BOOL);
    return v ? v->boolean : 0;
}

static void read_epochs(reader *rd, const sjson *res, const sjson *timing, search_run *r)
{
    const sjson *ep = member(rd, res, "epochs", SJSON_ARR), *sec = member(rd, timing, "epoch_seconds", SJSON_ARR);
    if (rd->failed) return;
    if (ep->n != (size_t)r->epochs_run || sec->n != ep->n) {
        snprintf(rd->err, rd->errlen, "%s: %zu epoch records and %zu epoch times for epochs_run %d", rd->path, ep->n,
                 sec->n, r->epochs_run);
        rd->failed = 1;
        return;
    }
    r->log = calloc(ep->n ? ep->n : 1, sizeof *r->log);
    if (!r->log) {
        snprintf(rd->err, rd->errlen, "out of memory");
        rd->failed = 1;
        return;
    }
    for (size_t i = 0; i < ep->n && !rd->failed; i++) {
        activ_epoch_log *e = &r->log[i];
        const sjson *o = &ep->items[i];
        if (o->type != SJSON_OBJ || whole(rd, o, "epoch", (double)i + 1, (double)i + 1) != (long long)i + 1) {
            if (!rd->failed) snprintf(rd->err, rd->errlen, "%s: epoch record %zu is not an object", rd->path, i + 1);
            rd->failed = 1;
            return;
        }
        e->epoch = (int)i + 1;
        e->train_loss = num(rd, o, "train_loss");
        e->train_acc = num(rd, o, "train_acc");
        e->val_loss = num(rd, o, "val_loss");
        e->val_acc = num(rd, o, "val_acc");
        e->lr = num(rd, o, "lr");
        if (!rd->failed && sjson_number(&sec->items[i], &e->seconds)) {
            snprintf(rd->err, rd->errlen, "%s: epoch_seconds[%zu] is not a number", rd->path, i);
            rd->failed = 1;
        }
    }
}

static void read_run(reader *rd, const sjson *doc, search_run *r, journal_timing *t)
{
    const sjson *format = member(rd, doc, "format", SJSON_STR);
    if (format && strcmp(format->str, JOURNAL_RUN_FORMAT)) {
        snprintf(rd->err, rd->errlen, "%s: format \"%.40s\", expected \"%s\"", rd->path, format->str,
                 JOURNAL_RUN_FORMAT);
        rd->failed = 1;
    }
    const sjson *act = member(rd, doc, "act", SJSON_STR);
    if (act && strlen(act->str) >= sizeof r->act) {
        snprintf(rd->err, rd->errlen, "%s: act is too long", rd->path);
        rd->failed = 1;
    }
    if (rd->failed) return;
    snprintf(r->act, sizeof r->act, "%s", act->str);
    r->seed = (int)whole(rd, doc, "seed", 0, 2147483647.0);
    const sjson *res = member(rd, doc, "result", SJSON_OBJ), *timing = member(rd, doc, "timing", SJSON_OBJ);
    if (rd->failed) return;
    r->diverged = boolean(rd, res, "diverged");
    r->epochs_run = (int)whole(rd, res, "epochs_run", 0, 1e6);
    r->diverged_epoch = (int)whole(rd, res, "diverged_epoch", 0, r->epochs_run);
    r->best_epoch = (int)whole(rd, res, "best_epoch", 0, r->epochs_run);
    r->best_val_acc = num(rd, res, "best_val_acc");
    r->test_acc = num(rd, res, "test_acc");
    r->test_loss = num(rd, res, "test_loss");
    r->params = (size_t)whole(rd, res, "params", 0, 9007199254740992.0);
    r->sec_per_epoch = num(rd, timing, "sec_per_epoch");
    r->peak_rss_mb = num(rd, timing, "peak_rss_mb");
    if (t) {
        t->threads = (int)whole(rd, timing, "threads", 0, 1e6);
        t->wall_seconds = num(rd, timing, "wall_seconds");
    }
    if (!rd->failed) read_epochs(rd, res, timing, r);
}

static int run_from_doc(const char *path, sjson doc, const char *expect_act, int expect_seed, search_run *r,
                        journal_timing *t, char *err, size_t errlen)
{
    reader rd = {path, err, errlen, 0};
    if (doc.type != SJSON_OBJ) {
        snprintf(err, errlen, "%s: not a JSON object", path);
        rd.failed = 1;
    } else read_run(&rd, &doc, r, t);
    sjson_free(&doc);
    if (!rd.failed && expect_act && (strcmp(r->act, expect_act) || r->seed != expect_seed)) {
        snprintf(err, errlen, "%s holds %s seed %d, expected %s seed %d", path, r->act, r->seed, expect_act,
                 expect_seed);
        rd.failed = 1;
    }
    if (rd.failed) {
        journal_run_free(r);
        return -1;
    }
    return 0;
}

int journal_read_run(const char *path, const char *expect_act, int expect_seed, search_run *r, journal_timing *t,
                     char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    sjson doc;
    if (sjson_parse_file(path, &doc, err, errlen)) return -1;
    return run_from_doc(path, doc, expect_act, expect_seed, r, t, err, errlen);
}

int journal_parse_run(const char *text, size_t len, const char *name, const char *expect_act, int expect_seed,
                      search_run *r, journal_timing *t, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    sjson doc;
    char why[512];
    if (sjson_parse(text, len, &doc, why, sizeof why)) {
        snprintf(err, errlen, "%s: %s", name, why);
        return -1;
    }
    return run_from_doc(name, doc, expect_act, expect_seed, r, t, err, errlen);
}

void journal_run_free(search_run *r)
{
    free(r->log);
    r->log = NULL;
}

void journal_clean_temporaries(const char *dir, const search_item *items, size_t n)
{
    char runs[4096];
    snprintf(runs, sizeof runs, "%s/runs", dir);
    DIR *d = opendir(runs);
    if (!d) return;
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *tmp = strstr(de->d_name, ".json.tmp.");
        if (!tmp) continue;
        size_t stem = (size_t)(tmp - de->d_name);
        for (size_t i = 0; i < n; i++)
            if (strlen(items[i].id) == stem && !strncmp(items[i].id, de->d_name, stem)) {
                char path[4096 + 256];
                snprintf(path, sizeof path, "%s/%s", runs, de->d_name);
                unlink(path);
                break;
            }
    }
    closedir(d);
}
