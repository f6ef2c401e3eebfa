#define _GNU_SOURCE
#include "search/merge.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "search/config_read.h"
#include "search/driver.h"

/* One part's search.json. */
typedef struct part {
    const char *dir;
    sjson doc;
    const sjson *config;
} part;

static int read_part(part *p, const char *dir, char *err, size_t errlen)
{
    char path[4096], why[1024];
    p->dir = dir;
    snprintf(path, sizeof path, "%s/search.json", dir);
    if (sjson_parse_file(path, &p->doc, why, sizeof why)) {
        snprintf(err, errlen, "%s (is %s a search's -o DIR?)", why, dir);
        return -1;
    }
    const sjson *format = sjson_get(&p->doc, "format");
    p->config = sjson_get(&p->doc, "config");
    if (!format || format->type != SJSON_STR || strcmp(format->str, JOURNAL_CONFIG_FORMAT) || !p->config ||
        p->config->type != SJSON_OBJ) {
        snprintf(err, errlen, "%.3000s is not an activ search journal of format %s", path, JOURNAL_CONFIG_FORMAT);
        sjson_free(&p->doc);
        return -1;
    }
    return 0;
}

static const char *doc_string(const sjson *doc, const char *key)
{
    const sjson *v = sjson_get(doc, key);
    return v && v->type == SJSON_STR ? v->str : "";
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 4096 > cap) {
            char *b = realloc(buf, cap = cap * 2 + 8192);
            if (!b) break;
            buf = b;
        }
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (k == 0) break;
    }
    int bad = ferror(f) || !buf;
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* A run as found in the parts: the first readable copy's text and where it is. */
typedef struct found {
    char *text;
    size_t len;
    const char *from;
    search_run run;
    double wall;
    int threads;
} found;

static int same_result(const char *a, size_t alen, const char *b, size_t blen)
{
    sjson x, y;
    char why[256];
    if (sjson_parse(a, alen, &x, why, sizeof why)) return 0;
    if (sjson_parse(b, blen, &y, why, sizeof why)) {
        sjson_free(&x);
        return 0;
    }
    int same = sjson_equal(sjson_get(&x, "result"), sjson_get(&y, "result"));
    sjson_free(&x), sjson_free(&y);
    return same;
}

/* Finds run it in every part; -1 if two parts disagree on its result. */
static int find_run(const merge_options *m, const search_config *cfg, const search_item *it, found *f)
{
    memset(f, 0, sizeof *f);
    for (size_t d = 0; d < m->ndirs; d++) {
        char path[4096], why[1024];
        journal_run_path(m->dirs[d], it->id, path, sizeof path);
        size_t len;
        char *text = slurp(path, &len);
        if (!text) continue;
        search_run r;
        journal_timing t;
        if (journal_parse_run(text, len, path, cfg->acts[it->act], it->seed, &r, &t, why, sizeof why)) {
            fprintf(stderr, "activ: %s: left out\n", why);
            free(text);
            continue;
        }
        if (!f->text) {
            *f = (found){text, len, m->dirs[d], r, t.wall_seconds, t.threads};
            continue;
        }
        journal_run_free(&r);
        int same = same_result(f->text, f->len, text, len);
        free(text);
        if (!same) {
            fprintf(stderr, "activ: %s is in %s and in %s with different results (another activ version or "
                    "thread count?): delete the one that is wrong\n", it->id, f->from, m->dirs[d]);
            return -1;
        }
    }
    return 0;
}

static int same_file(const char *a, const char *b)
{
    struct stat x, y;
    return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

/* Copies the runs into OUT and writes the report of those present. */
static int write_out(const merge_options *m, const search_config *cfg, const part *first, const search_item *items,
                     size_t n, found *fs, size_t missing)
{
    char err[4096];
    int lock = -1;
    if (journal_prepare(m->out, err, sizeof err) || (lock = journal_lock(m->out, "search.lock", err, sizeof err)) < 0) {
        fprintf(stderr, "activ: %s\n", err);
        return 1;
    }
    int rc = journal_open_config(m->out, cfg, doc_string(&first->doc, "command_line"),
                                 doc_string(&first->doc, "preset"), err, sizeof err);
    if (rc) {
        fprintf(stderr, "activ: %s\n", err);
        close(lock);
        return rc == 1 ? 2 : 1;
    }
    journal_clean_temporaries(m->out, items, n);
    search_run *runs = calloc(n ? n : 1, sizeof *runs);
    size_t have = 0;
    int threads = 0;
    double seconds = 0;
    for (size_t i = 0; i < n && runs; i++) {
        if (!fs[i].text) continue;
        char path[4096];
        journal_run_path(m->out, items[i].id, path, sizeof path);
        char from[4096];
        journal_run_path(fs[i].from, items[i].id, from, sizeof from);
        if (!same_file(from, path) && journal_write_run_text(m->out, items[i].id, fs[i].text, fs[i].len, err,
                                                              sizeof err)) {
            fprintf(stderr, "activ: %s\n", err);
            free(runs);
            close(lock);
            return 1;
        }
        runs[have++] = fs[i].run;
        if (fs[i].threads > threads) threads = fs[i].threads;
        seconds += fs[i].wall;
    }
    char preset[512], partial[4096];
    snprintf(preset, sizeof preset, "%s", doc_string(&first->doc, "preset"));
    snprintf(partial, sizeof partial, "%s/PARTIAL.txt", m->out);
    if (missing) {
        snprintf(preset, sizeof preset, "PARTIAL: %zu of %zu runs missing (%s/PARTIAL.txt names them)", missing, n,
                 m->out);
        FILE *f = fopen(partial, "w");
        for (size_t i = 0; f && i < n; i++)
            if (!fs[i].text) fprintf(f, "%s\n", items[i].id);
        if (f) fclose(f);
    } else unlink(partial);
    /* the whole search's command: it is what reproduces these results */
    search_meta meta = {.command_line = doc_string(&first->doc, "command_line"), .preset = preset,
                        .threads = threads, .workers = (int)m->ndirs, .total_seconds = seconds};
    rc = runs ? search_report(m->out, cfg, &meta, runs, have) : 1;
    free(runs);
    close(lock);
    return rc;
}

static int merge_parts(const merge_options *m, part *parts)
{
    char err[4096];
    for (size_t d = 1; d < m->ndirs; d++) {
        char diff[2048], in_a[4200], in_b[4200];
        snprintf(in_a, sizeof in_a, "in %s", m->dirs[0]);
        snprintf(in_b, sizeof in_b, "in %s", m->dirs[d]);
        int k = journal_config_diff(parts[0].config, parts[d].config, in_a, in_b, diff, sizeof diff);
        if (k) {
            fprintf(stderr, "activ: %s and %s hold different searches (%d field%s differ%s):%s\n"
                    "Only parts of one search merge: the same command with another --shard.\n", m->dirs[0],
                    m->dirs[d], k, k == 1 ? "" : "s", k == 1 ? "s" : "", diff);
            return 2;
        }
    }
    search_config cfg;
    char what[4200];
    snprintf(what, sizeof what, "%s/search.json", m->dirs[0]);
    if (search_config_from_json(parts[0].config, what, &cfg, err, sizeof err)) {
        fprintf(stderr, "activ: %s\n", err);
        return 2;
    }
    search_item *items = NULL;
    size_t n = 0, missing = 0;
    found *fs = NULL;
    int rc = 2;
    if (search_plan(&cfg, &items, &n, err, sizeof err) || !(fs = calloc(n ? n : 1, sizeof *fs))) {
        fprintf(stderr, "activ: %s: %s\n", what, items ? "out of memory" : err);
        goto done;
    }
    rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (find_run(m, &cfg, &items[i], &fs[i])) rc = 1;
        missing += !fs[i].text;
    }
    if (rc) goto done;
    if (missing) {
        fprintf(stderr, "activ: %zu of %zu runs are in none of the parts:", missing, n);
        for (size_t i = 0, shown = 0; i < n && shown < 12; i++)
            if (!fs[i].text) fprintf(stderr, " %s", items[i].id), shown++;
        fprintf(stderr, "%s\n", missing > 12 ? " ..." : "");
        if (!m->allow_partial) {
            fprintf(stderr, "activ: nothing written: run the missing shards again (they resume), or merge with "
                    "--allow-partial for a report marked partial\n");
            rc = 1;
            goto done;
        }
    }
    rc = write_out(m, &cfg, &parts[0], items, n, fs, missing);
    if (!rc && missing) fprintf(stderr, "activ: the report in %s is PARTIAL: %zu runs missing\n", m->out, missing);
done:
    for (size_t i = 0; fs && i < n; i++) free(fs[i].text), journal_run_free(&fs[i].run);
    free(fs), free(items);
    search_config_free(&cfg);
    return rc;
}

int search_merge(const merge_options *m)
{
    char err[4096];
    part *parts = calloc(m->ndirs ? m->ndirs : 1, sizeof *parts);
    if (!parts) return 1;
    size_t read = 0;
    int rc = 0;
    for (; read < m->ndirs; read++)
        if (read_part(&parts[read], m->dirs[read], err, sizeof err)) {
            fprintf(stderr, "activ: %s\n", err);
            rc = 2;
            break;
        }
    if (!rc) rc = merge_parts(m, parts);
    for (size_t d = 0; d < read; d++) sjson_free(&parts[d].doc);
    free(parts);
    return rc;
}
