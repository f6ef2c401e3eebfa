/*
 * The search's parts: the JSON reader against valid and hostile input, the
 * journal's round trip and configuration check, the activation list and
 * the run list.  `test_search compare A B` is also the resume test's judge:
 * it checks that two journals hold the same runs with the same results
 * (timing aside).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "activ/activ.h"
#include "report/json_out.h"
#include "search/journal.h"
#include "search/json.h"
#include "search/plan.h"

static int failures;
#define CHECK(cond, ...)                                                                                               \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            failures++;                                                                                                \
            fprintf(stderr, "%s:%d: FAIL %s: ", __FILE__, __LINE__, #cond);                                          \
            fprintf(stderr, __VA_ARGS__);                                                                              \
            fputc('\n', stderr);                                                                                       \
        }                                                                                                              \
    } while (0)

static int parse(const char *text, sjson *v, char *err, size_t errlen)
{
    return sjson_parse(text, strlen(text), v, err, errlen);
}

static void test_json(void)
{
    sjson v;
    char err[256];
    CHECK(parse("{\"a\": [1, -2.5e3, true, false, null, \"x\\u00e9\\ud83d\\ude00\\n\"], \"b\": {}}", &v, err,
                sizeof err) == 0, "%s", err);
    const sjson *a = sjson_get(&v, "a");
    CHECK(a && a->type == SJSON_ARR && a->n == 6, "array of 6");
    if (a && a->n == 6) {
        CHECK(a->items[1].num == -2500, "number %g", a->items[1].num);
        CHECK(a->items[2].boolean == 1 && a->items[3].type == SJSON_BOOL && !a->items[3].boolean, "booleans");
        /* é is C3 A9, U+1F600 is F0 9F 98 80 */
        CHECK(!strcmp(a->items[5].str, "x\xc3\xa9\xf0\x9f\x98\x80\n"), "string '%s'", a->items[5].str);
    }
    CHECK(sjson_get(&v, "b") && sjson_get(&v, "b")->type == SJSON_OBJ, "empty object");
    sjson_free(&v);

    /* every one of these is malformed: an error with a position, never a crash */
    const char *bad[] = {"", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "[01]", "[1.]", "[.5]", "[1e]", "[-]", "tru",
                         "\"abc", "\"a\\x\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\u12\"", "[1] x", "{\"a\":1,\"a\":2}",
                         "[\"\t\"]", "{1:2}", "nul", "[1 2]", "\"\\u0000\"", "[1e999]", "}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        err[0] = 0;
        CHECK(parse(bad[i], &v, err, sizeof err) == -1, "'%s' accepted", bad[i]);
        CHECK(strstr(err, "line 1, column"), "'%s': message '%s' has no position", bad[i], err);
    }
    CHECK(parse("[1,\n  x]", &v, err, sizeof err) == -1 && strstr(err, "line 2, column 3"), "position: %s", err);

    /* nesting past the limit is refused, not recursed into */
    char deep[4096];
    memset(deep, '[', 3000);
    deep[3000] = 0;
    CHECK(parse(deep, &v, err, sizeof err) == -1 && strstr(err, "nesting"), "deep nesting: %s", err);

    /* numbers written by the journal read back to the same double */
    double xs[] = {0.1, 1.0 / 3, 6.02214076e23, -0.0, 5e-324, 0.83551391828359256, 42, NAN, INFINITY, -INFINITY};
    for (size_t i = 0; i < sizeof xs / sizeof *xs; i++) {
        char buf[64];
        FILE *f = fmemopen(buf, sizeof buf, "w");
        json_number(f, xs[i]);
        fclose(f);
        double back = 0;
        CHECK(parse(buf, &v, err, sizeof err) == 0 && sjson_number(&v, &back) == 0, "'%s' unreadable", buf);
        CHECK(isnan(xs[i]) ? isnan(back) : back == xs[i] && signbit(back) == signbit(xs[i]), "%.17g -> %s -> %.17g",
              xs[i], buf, back);
        sjson_free(&v);
    }
}

static search_run sample_run(activ_epoch_log *log)
{
    search_run r;
    memset(&r, 0, sizeof r);
    snprintf(r.act, sizeof r.act, "leaky_relu:slope=0.2");
    r.seed = 3;
    r.diverged = 1, r.diverged_epoch = 3, r.epochs_run = 3, r.best_epoch = 2;
    r.best_val_acc = 0.8125, r.test_acc = 0.80078125, r.test_loss = 0.55;
    r.sec_per_epoch = 1.25, r.peak_rss_mb = 321.5, r.params = 123456;
    for (int i = 0; i < 3; i++)
        log[i] = (activ_epoch_log){i + 1, 1.0 / (i + 1), 0.5 + 0.1 * i, 1.1 / (i + 1), 0.7 + 0.05 * i, 1.0 + i, 1e-3};
    log[2].train_loss = NAN, log[2].val_loss = INFINITY;
    r.log = log;
    return r;
}

static void test_journal_round_trip(const char *dir)
{
    char err[1024], path[4096];
    CHECK(journal_prepare(dir, err, sizeof err) == 0, "%s", err);
    activ_epoch_log log[3];
    search_run r = sample_run(log), back;
    journal_timing t = {2, 9.5}, tb;
    CHECK(journal_write_run(dir, "leaky_relu_slope-0.2_seed3", &r, &t, err, sizeof err) == 0, "%s", err);
    journal_run_path(dir, "leaky_relu_slope-0.2_seed3", path, sizeof path);
    CHECK(journal_read_run(path, r.act, 3, &back, &tb, err, sizeof err) == 0, "%s", err);
    CHECK(!strcmp(back.act, r.act) && back.seed == 3 && back.diverged == 1 && back.diverged_epoch == 3, "header");
    CHECK(back.epochs_run == 3 && back.best_epoch == 2 && back.best_val_acc == r.best_val_acc, "scores");
    CHECK(back.test_acc == r.test_acc && back.test_loss == r.test_loss && back.params == r.params, "test");
    CHECK(back.sec_per_epoch == r.sec_per_epoch && back.peak_rss_mb == r.peak_rss_mb, "timing");
    CHECK(tb.threads == 2 && tb.wall_seconds == 9.5, "journal timing");
    for (int i = 0; i < 3 && back.log; i++) {
        const activ_epoch_log *a = &log[i], *b = &back.log[i];
        CHECK(b->epoch == a->epoch && b->train_acc == a->train_acc && b->val_acc == a->val_acc && b->lr == a->lr &&
              b->seconds == a->seconds, "epoch %d", i + 1);
        CHECK((isnan(a->train_loss) ? isnan(b->train_loss) : b->train_loss == a->train_loss) &&
              b->val_loss == a->val_loss, "epoch %d losses (NaN and inf survive)", i + 1);
    }
    journal_run_free(&back);

    /* another run's file under this name is refused */
    CHECK(journal_read_run(path, "mish", 3, &back, NULL, err, sizeof err) == -1 && strstr(err, "expected mish"),
          "wrong act accepted: %s", err);
    CHECK(journal_read_run(path, r.act, 4, &back, NULL, err, sizeof err) == -1, "wrong seed accepted");

    /* every truncation of a whole file is an error, never a crash or a partial run */
    FILE *f = fopen(path, "rb");
    char text[8192];
    size_t n = f ? fread(text, 1, sizeof text, f) : 0;
    if (f) fclose(f);
    int refused = 0;
    for (size_t cut = 0; cut + 2 < n; cut += 7) {
        FILE *g = fopen(path, "wb");
        fwrite(text, 1, cut, g);
        fclose(g);
        refused += journal_read_run(path, NULL, 0, &back, NULL, err, sizeof err) == -1;
    }
    CHECK(refused == (int)((n - 3) / 7 + 1), "%d truncations refused", refused);
    /* a well-formed file with a wrong field */
    f = fopen(path, "wb");
    fputs("{\"format\":\"activ-search-run/1\",\"act\":\"relu\",\"seed\":1,\"result\":{\"diverged\":false,"
          "\"diverged_epoch\":0,\"epochs_run\":2,\"best_epoch\":5,\"best_val_acc\":1,\"test_acc\":1,\"test_loss\":0,"
          "\"params\":1,\"epochs\":[]},\"timing\":{\"sec_per_epoch\":1,\"peak_rss_mb\":1,\"epoch_seconds\":[],"
          "\"threads\":1,\"wall_seconds\":1}}",
          f);
    fclose(f);
    CHECK(journal_read_run(path, NULL, 0, &back, NULL, err, sizeof err) == -1 && strstr(err, "best_epoch"),
          "best_epoch beyond epochs_run: %s", err);
}

static void test_config(const char *dir)
{
    char err[4096];
    search_config a, b;
    search_config_from_preset(&a, search_preset_find("quick"));
    CHECK(search_config_set_acts(&a, "mish,elu", "relu", err, sizeof err) == 0, "%s", err);
    CHECK(search_config_finish(&a, err, sizeof err) == 0, "%s", err);
    CHECK(journal_prepare(dir, err, sizeof err) == 0, "%s", err);
    CHECK(journal_open_config(dir, &a, "activ search ...", "quick", err, sizeof err) == 0, "write: %s", err);
    CHECK(journal_open_config(dir, &a, "activ search ...", "quick", err, sizeof err) == 0, "same config refused: %s", err);
    search_config_from_preset(&b, search_preset_find("quick"));
    b.epochs = 7;
    b.lr = 0.01;
    CHECK(search_config_set_acts(&b, "mish,elu", "relu", err, sizeof err) == 0, "%s", err);
    CHECK(search_config_finish(&b, err, sizeof err) == 0, "%s", err);
    CHECK(journal_open_config(dir, &b, "x", NULL, err, sizeof err) == 1, "changed config accepted");
    CHECK(strstr(err, "2 fields differ") && strstr(err, "epochs: 3 in the journal, 7 now") &&
          strstr(err, "lr: 0.001 in the journal, 0.01 now") && strstr(err, "-o DIR"), "message: %s", err);
    search_config_free(&a);
    search_config_free(&b);
}

static void test_acts_and_plan(void)
{
    char err[1024];
    search_config c;
    search_config_from_preset(&c, NULL);
    CHECK(search_config_set_acts(&c, "mish,leaky_relu:slope=0.2,negative_slope=0.1,relu,swish(beta=2,x=1),mish",
                                 "relu", err, sizeof err) == -1, "bad parameter accepted");
    CHECK(search_config_set_acts(&c, "mish,leaky_relu:slope=0.2,relu,elu:alpha=0.5,mish", "elu", err, sizeof err) ==
          0, "%s", err);
    CHECK(c.nacts == 5, "nacts %zu", c.nacts);
    if (c.nacts == 5) {
        CHECK(!strcmp(c.acts[0], "elu") && !strcmp(c.acts[1], "mish") && !strcmp(c.acts[2], "leaky_relu:slope=0.2") &&
              !strcmp(c.acts[4], "elu:alpha=0.5"), "order: %s %s %s", c.acts[0], c.acts[1], c.acts[2]);
    }
    CHECK(search_config_set_acts(&c, "wobble", "relu", err, sizeof err) == -1 && strstr(err, "wobble"), "%s", err);
    CHECK(search_config_set_acts(&c, "benchmark", "relu", err, sizeof err) == 0 && c.nacts == 18, "benchmark %zu",
          c.nacts);
    c.seeds = 2;
    search_item *items;
    size_t n;
    CHECK(search_plan(&c, &items, &n, err, sizeof err) == 0 && n == 36, "plan of %zu", n);
    if (n == 36) {
        CHECK(items[0].seed == 1 && !strcmp(c.acts[items[0].act], "relu") && !strcmp(items[0].id, "relu_seed1"),
              "first %s", items[0].id);
        CHECK(items[18].seed == 2 && items[18].act == 0 && items[35].seed == 2, "seed-major");
    }
    free(items);
    char s[64];
    search_sanitise("leaky_relu:slope=0.2", s, sizeof s);
    CHECK(!strcmp(s, "leaky_relu_slope-0.2"), "sanitised %s", s);
    /* two specs that sanitise alike would share a file: refused */
    CHECK(search_config_set_acts(&c, "mish,Mish", "relu", err, sizeof err) == 0 && c.nacts == 3, "%s", err);
    CHECK(search_plan(&c, &items, &n, err, sizeof err) == -1 && strstr(err, "mish_seed1.json"), "collision: %s", err);
    search_config_free(&c);
}

/* ---- compare: two journals, the same runs and results ---- */

static int load(const char *path, sjson *v)
{
    char err[512];
    if (sjson_parse_file(path, v, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    return 0;
}

static int compare(const char *a, const char *b)
{
    char da[4096], path[8192], other[8192];
    snprintf(da, sizeof da, "%s/runs", a);
    DIR *d = opendir(da);
    if (!d) return fprintf(stderr, "%s: cannot open\n", da), 1;
    int files = 0, bad = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] == '.') continue;
        if (len < 5 || strcmp(de->d_name + len - 5, ".json")) {
            fprintf(stderr, "%s: stray file %s\n", da, de->d_name);
            bad++;
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", da, de->d_name);
        snprintf(other, sizeof other, "%s/runs/%s", b, de->d_name);
        sjson x, y;
        if (load(path, &x) || load(other, &y)) return 1;
        if (!sjson_equal(sjson_get(&x, "result"), sjson_get(&y, "result")) ||
            !sjson_equal(sjson_get(&x, "act"), sjson_get(&y, "act"))) {
            fprintf(stderr, "%s and %s differ in their results\n", path, other);
            bad++;
        }
        sjson_free(&x), sjson_free(&y);
        files++;
    }
    closedir(d);
    snprintf(da, sizeof da, "%s/runs", b);
    d = opendir(da);
    int files_b = 0;
    while (d && (de = readdir(d))) files_b += de->d_name[0] != '.';
    if (d) closedir(d);
    if (files != files_b) fprintf(stderr, "%d run files in %s, %d in %s\n", files, a, files_b, b), bad++;
    printf("%d run files compared, %d differences\n", files, bad);
    return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "compare")) return compare(argv[2], argv[3]);
    if (argc != 2) {
        fprintf(stderr, "usage: test_search SCRATCH_DIR | test_search compare DIR_A DIR_B\n");
        return 2;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/test_search_%d", argv[1], (int)getpid());
    test_json();
    test_journal_round_trip(dir);
    char cdir[4200];
    snprintf(cdir, sizeof cdir, "%s/config", dir);
    test_config(cdir);
    test_acts_and_plan();
    if (!failures) {
        char cmd[4200];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    }
    printf("%s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
