/* The data layer: loaders against files written here, corrupt files, split, stats, augmentation. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "activ/data.h"
#include "data/augment.h"
#include "data/parse.h"

#define SKIP 77

static int failures;
#define CHECK(cond, ...)                                                                                         \
    do {                                                                                                         \
        if (!(cond)) {                                                                                           \
            failures++;                                                                                          \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond);                            \
            fprintf(stderr, __VA_ARGS__);                                                                        \
            fputc('\n', stderr);                                                                                 \
        }                                                                                                        \
    } while (0)

/* ---- a scratch directory, removed at exit -------------------------------- */

static char tmpdir[256];
static char created[64][512];
static int ncreated;

static const char *tmp_path(const char *name)
{
    static char buf[8][512];
    static int next;
    char *p = buf[next++ % 8];
    snprintf(p, 512, "%s/%s", tmpdir, name);
    return p;
}

static void remember(const char *path)
{
    for (int i = 0; i < ncreated; i++)
        if (!strcmp(created[i], path)) return;
    if (ncreated < 64) snprintf(created[ncreated++], 512, "%s", path);
}

static void cleanup(void)
{
    for (int i = ncreated - 1; i >= 0; i--)
        if (remove(created[i])) rmdir(created[i]);
    if (*tmpdir) rmdir(tmpdir);
}

static void make_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/activ-data-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        exit(1);
    }
    atexit(cleanup);
}

static const char *make_subdir(const char *name)
{
    const char *p = tmp_path(name);
    mkdir(p, 0700);
    remember(p);
    return p;
}

/* Writes bytes to tmpdir/name, gzipped when gz. */
static const char *write_bytes(const char *name, const void *data, size_t len, int gz)
{
    const char *path = tmp_path(name);
    remember(path);
    if (gz) {
        gzFile f = gzopen(path, "wb");
        if (!f || (len && gzwrite(f, data, (unsigned)len) != (int)len) || gzclose(f) != Z_OK) {
            fprintf(stderr, "cannot write %s\n", path);
            exit(1);
        }
    } else {
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
            fprintf(stderr, "cannot write %s\n", path);
            exit(1);
        }
    }
    return path;
}

/* ---- IDX files ------------------------------------------------------------ */

static size_t put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
    return 4;
}

/* An idx3 file of n images of rows x cols with pixel (i, k) = (7 i + 13 k) mod 256, plus extra bytes. */
static size_t idx_images(uint8_t *buf, uint32_t magic, uint32_t n, uint32_t rows, uint32_t cols, long extra)
{
    size_t o = put_be32(buf, magic);
    o += put_be32(buf + o, n);
    o += put_be32(buf + o, rows);
    o += put_be32(buf + o, cols);
    long len = (long)(n * rows * cols) + extra;
    for (long k = 0; k < len; k++) buf[o + (size_t)k] = (uint8_t)((7 * (k / (long)(rows * cols)) + 13 * k) % 256);
    return o + (size_t)len;
}

static size_t idx_labels(uint8_t *buf, uint32_t n, const uint8_t *labels, long extra)
{
    size_t o = put_be32(buf, 0x00000801);
    o += put_be32(buf + o, n);
    long len = (long)n + extra;
    for (long k = 0; k < len; k++) buf[o + (size_t)k] = labels[k];
    return o + (size_t)len;
}

static const uint8_t three_labels[8] = {0, 4, 2, 9, 9, 9, 9, 9};

static void check_images(const activ_dataset *d, uint32_t n, uint32_t rows, uint32_t cols)
{
    CHECK(d->n == n && d->c == 1 && d->h == (int)rows && d->w == (int)cols, "shape %zu x %d x %d x %d", d->n, d->c,
          d->h, d->w);
    size_t len = (size_t)n * rows * cols, bad = 0;
    for (size_t k = 0; k < len && d->x; k++) {
        uint8_t v = (uint8_t)((7 * (k / (rows * cols)) + 13 * k) % 256);
        if (d->x[k] != (float)v / 255.0f) bad++;
    }
    CHECK(bad == 0, "%zu pixels differ from byte / 255", bad);
}

static void write_pair(const char *iname, const char *lname, int gz)
{
    uint8_t buf[256];
    write_bytes(iname, buf, idx_images(buf, 0x803, 3, 2, 3, 0), gz);
    write_bytes(lname, buf, idx_labels(buf, 3, three_labels, 0), gz);
}

static void load_pair(const char *iname, const char *lname)
{
    activ_dataset d;
    char err[512] = "";
    int rc = activ_load_idx(tmp_path(iname), tmp_path(lname), &d, err, sizeof err);
    CHECK(rc == 0, "%s", err);
    if (rc) return;
    check_images(&d, 3, 2, 3);
    CHECK(d.y[0] == 0 && d.y[1] == 4 && d.y[2] == 2, "labels %d %d %d", d.y[0], d.y[1], d.y[2]);
    CHECK(d.classes == 5, "classes = max label + 1 = 5, got %d", d.classes);
    activ_dataset_free(&d);
}

static int test_idx(void)
{
    write_pair("img", "lab", 0);
    load_pair("img", "lab");
    /* 0 and 255 map to exactly 0 and 1 */
    uint8_t buf[64];
    size_t o = idx_images(buf, 0x803, 1, 1, 2, 0);
    buf[16] = 0;
    buf[17] = 255;
    write_bytes("img01", buf, o, 0);
    write_bytes("lab01", buf, idx_labels(buf, 1, three_labels, 0), 0);
    activ_dataset d;
    char err[512] = "";
    CHECK(activ_load_idx(tmp_path("img01"), tmp_path("lab01"), &d, err, sizeof err) == 0, "%s", err);
    if (d.x) CHECK(d.x[0] == 0.0f && d.x[1] == 1.0f, "%g %g", d.x[0], d.x[1]);
    activ_dataset_free(&d);
    return failures;
}

static int test_idx_gz(void)
{
    write_pair("img.gz", "lab.gz", 1);
    load_pair("img.gz", "lab.gz");
    /* gzip is recognised by content, not name; mixed plain and gzipped */
    write_pair("imgz", "labz", 1);
    load_pair("imgz", "labz");
    write_pair("imgp", "labp", 0);
    load_pair("imgz", "labp");
    return failures;
}

/* Expects the load to fail with a message naming file and containing what. */
static void expect_fail(const char *images, const char *labels, int classes, const char *file, const char *what)
{
    activ_dataset d;
    memset(&d, 0xab, sizeof d);
    char err[512] = "";
    int rc = data_load_idx(tmp_path(images), tmp_path(labels), classes, &d, err, sizeof err);
    CHECK(rc == -1, "%s/%s loaded, expected '%s'", images, labels, what);
    CHECK(strstr(err, tmp_path(file)) != NULL, "message names %s: '%s'", file, err);
    CHECK(strstr(err, what) != NULL, "message says '%s': '%s'", what, err);
    CHECK(d.x == NULL && d.y == NULL && d.n == 0, "nothing left allocated after '%s'", what);
}

static int test_idx_corrupt(void)
{
    uint8_t buf[256], big[256];
    size_t len;
    write_pair("img", "lab", 0);
    write_bytes("magic", buf, idx_images(buf, 0x804, 3, 2, 3, 0), 0);
    expect_fail("magic", "lab", 0, "magic", "wrong magic number 0x00000804");
    expect_fail("lab", "lab", 0, "lab", "(an idx1 labels file), expected 0x00000803");
    expect_fail("img", "img", 0, "img", "(an idx3 images file), expected 0x00000801");
    idx_images(buf, 0x803, 3, 2, 3, 0);
    write_bytes("hdr", buf, 10, 0);
    expect_fail("hdr", "lab", 0, "hdr", "truncated header: 10 bytes");
    write_bytes("hdr3", buf, 3, 0);
    expect_fail("hdr3", "lab", 0, "hdr3", "truncated header: 3 bytes");
    write_bytes("lhdr", big, idx_labels(big, 3, three_labels, 0) - 5, 0);
    expect_fail("img", "lhdr", 0, "lhdr", "truncated header: 6 bytes");
    len = idx_images(buf, 0x803, 3, 2, 3, 0);
    write_bytes("short", buf, len - 1, 0);
    expect_fail("short", "lab", 0, "short", "truncated: header says 3 images of 2x3 (18 bytes), file has 17");
    write_bytes("short.gz", buf, len - 1, 1);
    expect_fail("short.gz", "lab", 0, "short.gz", "truncated: header says 3 images of 2x3 (18 bytes), file has 17");
    write_bytes("long", buf, idx_images(buf, 0x803, 3, 2, 3, 2), 0);
    expect_fail("long", "lab", 0, "long", "2 trailing bytes: header says 3 images of 2x3 (18 bytes), file has 20");
    write_bytes("llong", buf, idx_labels(buf, 3, three_labels, 1), 0);
    expect_fail("img", "llong", 0, "llong", "1 trailing bytes: header says 3 labels");
    write_bytes("lshort", buf, idx_labels(buf, 3, three_labels, -1), 0);
    expect_fail("img", "lshort", 0, "lshort", "truncated: header says 3 labels (3 bytes), file has 2");
    write_bytes("two", buf, idx_labels(buf, 2, three_labels, 0), 0);
    expect_fail("img", "two", 0, "two", "2 labels, but");
    expect_fail("img", "two", 0, "img", "has 3 images");
    write_bytes("ten", buf, idx_labels(buf, 3, (const uint8_t[]){1, 10, 3}, 0), 0);
    expect_fail("img", "ten", 10, "ten", "label 10 at index 1 is out of range");
    write_bytes("zero", buf, idx_images(buf, 0x803, 3, 0, 3, 0), 0);
    expect_fail("zero", "lab", 0, "zero", "zero dimension: header says 3 images of 0x3");
    write_bytes("zlab", buf, idx_labels(buf, 0, three_labels, 0), 0);
    expect_fail("img", "zlab", 0, "zlab", "zero dimension");
    len = idx_images(buf, 0x803, 0, 0, 0, 0);
    put_be32(buf + 4, 0xffffffffu);
    put_be32(buf + 8, 0xffffu);
    put_be32(buf + 12, 0xffffu);
    write_bytes("huge", buf, len, 0);
    expect_fail("huge", "lab", 0, "huge", "implausible dimensions: header says 4294967295 images of 65535x65535");
    put_be32(buf + 4, 1);
    put_be32(buf + 8, 70000);
    put_be32(buf + 12, 1);
    write_bytes("tall", buf, len, 0);
    expect_fail("tall", "lab", 0, "tall", "implausible dimensions");
    len = idx_labels(buf, 0, three_labels, 0);
    put_be32(buf + 4, 0x80000001u);
    write_bytes("hugelab", buf, len, 0);
    expect_fail("img", "hugelab", 0, "hugelab", "implausible dimensions");
    expect_fail("missing", "lab", 0, "missing", "cannot open: No such file or directory");
    /* a gzip stream cut short */
    write_bytes("full.gz", buf, idx_images(buf, 0x803, 3, 2, 3, 0), 1);
    FILE *f = fopen(tmp_path("full.gz"), "rb");
    len = fread(big, 1, sizeof big, f);
    fclose(f);
    write_bytes("cut.gz", big, len - 12, 0);
    expect_fail("cut.gz", "lab", 0, "cut.gz", "gzip data truncated");
    return failures;
}

/* ---- CIFAR-10 ------------------------------------------------------------------ */

static uint8_t cifar_pixel(size_t rec, size_t i) { return (uint8_t)((rec * 31 + i * 7 + i / 1024) % 256); }

static uint8_t *cifar_records(size_t n, size_t first, const uint8_t *labels)
{
    uint8_t *b = malloc(n * CIFAR_RECORD);
    for (size_t r = 0; r < n; r++) {
        b[r * CIFAR_RECORD] = labels[r];
        for (size_t i = 0; i < 3072; i++) b[r * CIFAR_RECORD + 1 + i] = cifar_pixel(first + r, i);
    }
    return b;
}

static void expect_cifar_fail(const char *name, const char *what)
{
    activ_dataset d;
    char err[512] = "";
    const char *p = tmp_path(name);
    CHECK(activ_load_cifar10(&p, 1, &d, err, sizeof err) == -1, "%s loaded", name);
    CHECK(strstr(err, p) && strstr(err, what), "message names %s and says '%s': '%s'", name, what, err);
    CHECK(d.x == NULL && d.n == 0, "nothing left allocated");
}

static int test_cifar(void)
{
    const uint8_t labels[5] = {3, 9, 0, 7, 1};
    uint8_t *a = cifar_records(2, 0, labels), *b = cifar_records(3, 2, labels + 2);
    const char *paths[2] = {write_bytes("b1.bin", a, 2 * CIFAR_RECORD, 0), write_bytes("b2.bin", b, 3 * CIFAR_RECORD, 1)};
    activ_dataset d;
    char err[512] = "";
    int rc = activ_load_cifar10(paths, 2, &d, err, sizeof err);
    CHECK(rc == 0, "%s", err);
    if (!rc) {
        CHECK(d.n == 5 && d.c == 3 && d.h == 32 && d.w == 32 && d.classes == 10, "shape %zu %d %d %d", d.n, d.c, d.h,
              d.w);
        size_t bad = 0;
        for (size_t r = 0; r < 5; r++) {
            CHECK(d.y[r] == labels[r], "label %zu", r);
            for (size_t ch = 0; ch < 3; ch++)
                for (size_t y = 0; y < 32; y++)
                    for (size_t x = 0; x < 32; x++) {
                        size_t i = ch * 1024 + y * 32 + x;
                        if (d.x[r * 3072 + i] != (float)cifar_pixel(r, i) / 255.0f) bad++;
                    }
        }
        CHECK(bad == 0, "%zu pixels differ (planes R, G, B, rows of 32)", bad);
        CHECK(!strcmp(d.name, "cifar10"), "name %s", d.name);
        activ_dataset_free(&d);
    }
    write_bytes("odd.bin", a, 2 * CIFAR_RECORD - 1, 0);
    expect_cifar_fail("odd.bin", "size 6145 bytes is not a multiple of 3073");
    a[CIFAR_RECORD] = 10;
    write_bytes("label.bin", a, 2 * CIFAR_RECORD, 0);
    expect_cifar_fail("label.bin", "record 1 (byte 3073): label 10 out of range 0..9");
    write_bytes("empty.bin", a, 0, 0);
    expect_cifar_fail("empty.bin", "empty file");
    /* the second file's error frees the first's records */
    const char *two[2] = {paths[0], tmp_path("label.bin")};
    CHECK(activ_load_cifar10(two, 2, &d, err, sizeof err) == -1 && d.x == NULL, "second file bad");
    free(a);
    free(b);
    return failures;
}

/* ---- split, stats ----------------------------------------------------------------- */

/* n_k = 10 (k + 1) samples of class k (550 in all), sample i's pixels all i. */
static void make_dataset(activ_dataset *d)
{
    memset(d, 0, sizeof *d);
    d->c = 2;
    d->h = 1;
    d->w = 2;
    d->classes = 10;
    d->n = 550;
    d->x = malloc(d->n * 4 * sizeof *d->x);
    d->y = malloc(d->n);
    size_t i = 0;
    for (int k = 0; k < 10; k++)
        for (int j = 0; j < 10 * (k + 1); j++) d->y[i++] = (uint8_t)k;
    /* interleave the classes so stratification is not just taking a prefix */
    for (i = 0; i < d->n; i++) {
        size_t o = (i * 7919) % d->n;
        uint8_t t = d->y[i];
        d->y[i] = d->y[o];
        d->y[o] = t;
    }
    for (i = 0; i < d->n * 4; i++) d->x[i] = (float)(i / 4);
    snprintf(d->name, sizeof d->name, "synthetic");
}

static int test_split(void)
{
    activ_dataset all, tr, va, tr2, va2;
    make_dataset(&all);
    char err[256] = "";
    const size_t nval = 100;
    CHECK(activ_dataset_split(&all, nval, 42, &tr, &va, err, sizeof err) == 0, "%s", err);
    CHECK(tr.n == 450 && va.n == 100, "sizes %zu %zu", tr.n, va.n);
    /* stratified: class k gets 100 * n_k / 550 rounded down or up */
    size_t per[10] = {0}, seen[550] = {0};
    for (size_t i = 0; i < va.n; i++) per[va.y[i]]++;
    for (int k = 0; k < 10; k++) {
        double exact = 100.0 * 10 * (k + 1) / 550;
        CHECK(per[k] == (size_t)floor(exact) || per[k] == (size_t)ceil(exact), "class %d: %zu of %.2f", k, per[k],
              exact);
    }
    /* disjoint and covering, labels travel with their samples, order kept */
    const activ_dataset *parts[2] = {&tr, &va};
    for (int p = 0; p < 2; p++) {
        size_t prev = 0;
        for (size_t i = 0; i < parts[p]->n; i++) {
            size_t id = (size_t)parts[p]->x[i * 4];
            CHECK(id < 550 && parts[p]->x[i * 4 + 3] == (float)id, "sample %zu whole", i);
            if (id >= 550) continue;
            seen[id]++;
            CHECK(parts[p]->y[i] == all.y[id], "label of sample %zu", id);
            CHECK(i == 0 || id > prev, "index order");
            prev = id;
        }
        CHECK(parts[p]->c == 2 && parts[p]->classes == 10 && !strcmp(parts[p]->name, "synthetic"), "shape kept");
    }
    for (size_t i = 0; i < 550; i++) CHECK(seen[i] == 1, "sample %zu seen %zu times", i, seen[i]);
    /* the same seed repeats, another differs */
    CHECK(activ_dataset_split(&all, nval, 42, &tr2, &va2, err, sizeof err) == 0, "%s", err);
    CHECK(va2.n == va.n && !memcmp(va2.x, va.x, va.n * 4 * sizeof(float)), "same seed, same split");
    activ_dataset_free(&tr2);
    activ_dataset_free(&va2);
    CHECK(activ_dataset_split(&all, nval, 43, &tr2, &va2, err, sizeof err) == 0, "%s", err);
    CHECK(memcmp(va2.x, va.x, va.n * 4 * sizeof(float)) != 0, "another seed, another split");
    activ_dataset_free(&tr2);
    activ_dataset_free(&va2);
    CHECK(activ_dataset_split(&all, 550, 1, &tr2, &va2, err, sizeof err) == -1 && strstr(err, "synthetic") &&
              strstr(err, "leaves none"),
          "all for validation refused: '%s'", err);
    /* subset: in order, chosen, and out of range */
    activ_dataset s;
    size_t pick[3] = {5, 0, 549};
    CHECK(activ_dataset_subset(&all, pick, 3, &s) == 0 && s.n == 3 && s.x[0] == 5 && s.x[4] == 0 && s.x[8] == 549 &&
              s.y[2] == all.y[549],
          "subset by index");
    activ_dataset_free(&s);
    CHECK(activ_dataset_subset(&all, NULL, 2, &s) == 0 && s.n == 2 && s.x[7] == 1, "first two");
    activ_dataset_free(&s);
    pick[1] = 550;
    CHECK(activ_dataset_subset(&all, pick, 3, &s) == -1 && s.x == NULL, "index out of range refused");
    activ_dataset_free(&tr);
    activ_dataset_free(&va);
    activ_dataset_free(&all);
    return failures;
}

static int test_stats(void)
{
    /* two samples, two channels of 2 pixels: channel 0 = {1,3,5,7}, channel 1 = {2,2,2,2} */
    float x[8] = {1, 3, 2, 2, 5, 7, 2, 2};
    activ_dataset d = {.n = 2, .c = 2, .h = 1, .w = 2, .classes = 1, .x = x};
    double mean[2], std[2];
    activ_dataset_stats(&d, mean, std);
    CHECK(mean[0] == 4 && fabs(std[0] - sqrt(5.0)) < 1e-12 && mean[1] == 2 && std[1] == 0, "%g %g %g %g", mean[0],
          std[0], mean[1], std[1]);
    activ_dataset_normalize(&d, mean, std);
    CHECK(fabsf(x[0] + 3 / sqrtf(5)) < 1e-6f && fabsf(x[5] - 3 / sqrtf(5)) < 1e-6f && x[2] == 0 && x[7] == 0,
          "normalised %g %g %g", x[0], x[5], x[2]);
    activ_dataset_stats(&d, mean, std);
    CHECK(fabs(mean[0]) < 1e-7 && fabs(std[0] - 1) < 1e-6, "after: %g %g", mean[0], std[0]);
    return failures;
}

/* ---- augmentation ---------------------------------------------------------------- */

enum { AC = 2, AH = 5, AW = 4, AD = AC * AH * AW };

static void fill(float *x, size_t n)
{
    for (size_t i = 0; i < n; i++) x[i] = (float)(i + 1);
}

/* Which (dy, dx, flip) gives out from in, or -1. */
static int which_crop(const float *in, const float *out, int pad)
{
    float t[AD];
    for (int f = 0; f < 2; f++)
        for (int dy = 0; dy <= 2 * pad; dy++)
            for (int dx = 0; dx <= 2 * pad; dx++) {
                augment_one(in, t, AC, AH, AW, pad, dy, dx, f);
                if (!memcmp(t, out, sizeof t)) return (f * (2 * pad + 1) + dy) * (2 * pad + 1) + dx;
            }
    return -1;
}

static int test_augment(void)
{
    float in[AD], a[AD], b[AD];
    fill(in, AD);
    /* flip twice is the identity; no shift and no flip is a copy */
    augment_one(in, a, AC, AH, AW, 2, 2, 2, 1);
    augment_one(a, b, AC, AH, AW, 2, 2, 2, 1);
    CHECK(!memcmp(in, b, sizeof in), "flip twice");
    CHECK(a[0] == in[AW - 1] && a[AW - 1] == in[0], "flip mirrors rows");
    augment_one(in, a, AC, AH, AW, 2, 2, 2, 0);
    CHECK(!memcmp(in, a, sizeof in), "centre crop");
    /* dy = pad + 1, dx = pad - 2: content moves up one row and right two columns, zeros come in */
    augment_one(in, a, AC, AH, AW, 2, 3, 0, 0);
    size_t bad = 0;
    for (int c = 0; c < AC; c++)
        for (int y = 0; y < AH; y++)
            for (int x = 0; x < AW; x++) {
                int sy = y + 1, sx = x - 2;
                float want = sy < AH && sx >= 0 ? in[(c * AH + sy) * AW + sx] : 0.0f;
                if (a[(c * AH + y) * AW + x] != want) bad++;
            }
    CHECK(bad == 0, "shifted crop: %zu values differ", bad);

    /* the batch: every output one of the crops, the same again, any part on its own the same */
    enum { N = 2000, PAD = 2 };
    float *x = malloc(N * AD * sizeof *x), *o1 = malloc(N * AD * sizeof *x), *o2 = malloc(N * AD * sizeof *x);
    fill(x, (size_t)N * AD);
    activ_augment(x, o1, N, AC, AH, AW, PAD, 1, 7, 1000);
    activ_augment(x, o2, N, AC, AH, AW, PAD, 1, 7, 1000);
    CHECK(!memcmp(o1, o2, N * AD * sizeof *x), "same seed and counter, same output");
    activ_augment(x + 10 * AD, o2, 5, AC, AH, AW, PAD, 1, 7, 1010);
    CHECK(!memcmp(o1 + 10 * AD, o2, 5 * AD * sizeof *x), "samples 10..14 alone with counter + 10");
    int hist[2 * 25] = {0}, unknown = 0;
    for (int i = 0; i < N; i++) {
        int k = which_crop(x + i * AD, o1 + i * AD, PAD);
        if (k < 0) unknown++;
        else hist[k]++;
    }
    CHECK(unknown == 0, "%d outputs are no crop of their input", unknown);
    int flips = 0, empty = 0;
    for (int k = 0; k < 50; k++) {
        if (k >= 25) flips += hist[k];
        if (!hist[k]) empty++;
    }
    /* 2000 fair coins: 1000 +- 2.2 sigma (sigma 22.4) */
    CHECK(flips > 950 && flips < 1050, "flips %d of %d", flips, N);
    CHECK(empty == 0, "%d of the 50 crops never drawn", empty);
    activ_augment(x, o2, N, AC, AH, AW, PAD, 1, 8, 1000);
    CHECK(memcmp(o1, o2, N * AD * sizeof *x) != 0, "another seed, other crops");
    activ_augment(x, o2, N, AC, AH, AW, 0, 0, 7, 0);
    CHECK(!memcmp(x, o2, N * AD * sizeof *x), "no pad and no flip: a copy");
    free(x);
    free(o1);
    free(o2);
    return failures;
}

/* ---- named sets and directories ----------------------------------------------------- */

static void write_idx_dir(const char *sub, int gz)
{
    uint8_t buf[256];
    char name[256];
    const char *sfx = gz ? ".gz" : "";
    const uint8_t lab[4] = {0, 4, 2, 1};
    snprintf(name, sizeof name, "%s/train-images-idx3-ubyte%s", sub, sfx);
    write_bytes(name, buf, idx_images(buf, 0x803, 3, 2, 3, 0), gz);
    snprintf(name, sizeof name, "%s/train-labels-idx1-ubyte%s", sub, sfx);
    write_bytes(name, buf, idx_labels(buf, 3, three_labels, 0), gz);
    snprintf(name, sizeof name, "%s/t10k-images-idx3-ubyte%s", sub, sfx);
    write_bytes(name, buf, idx_images(buf, 0x803, 4, 2, 3, 0), gz);
    snprintf(name, sizeof name, "%s/t10k-labels-idx1-ubyte%s", sub, sfx);
    write_bytes(name, buf, idx_labels(buf, 4, lab, 0), gz);
}

static int test_named_dir(void)
{
    activ_dataset tr, te;
    char err[1024] = "";
    make_subdir("mydata");
    write_idx_dir("mydata", 0);
    int rc = activ_load_named(tmp_path("mydata"), NULL, &tr, &te, err, sizeof err);
    CHECK(rc == 0, "%s", err);
    if (!rc) {
        check_images(&tr, 3, 2, 3);
        check_images(&te, 4, 2, 3);
        CHECK(tr.classes == 5 && te.classes == 5, "classes from the labels: %d %d", tr.classes, te.classes);
        CHECK(!strcmp(tr.name, "mydata"), "name %s", tr.name);
        activ_dataset_free(&tr);
        activ_dataset_free(&te);
    }
    /* mnist from a directory given, gzipped; classes 10 */
    make_subdir("mn");
    write_idx_dir("mn", 1);
    rc = activ_load_named("mnist", tmp_path("mn"), &tr, &te, err, sizeof err);
    CHECK(rc == 0 && tr.classes == 10 && !strcmp(tr.name, "mnist"), "%s", err);
    activ_dataset_free(&tr);
    activ_dataset_free(&te);
    /* ... and from $ACTIV_DATA_DIR/mnist */
    make_subdir("root");
    make_subdir("root/mnist");
    write_idx_dir("root/mnist", 0);
    setenv("ACTIV_DATA_DIR", tmp_path("root"), 1);
    rc = activ_load_named("mnist", NULL, &tr, &te, err, sizeof err);
    CHECK(rc == 0 && tr.n == 3 && te.n == 4, "ACTIV_DATA_DIR: %s", err);
    activ_dataset_free(&tr);
    activ_dataset_free(&te);
    /* CIFAR-10 in cifar-10-batches-bin/ under $ACTIV_DATA_DIR/cifar10 */
    make_subdir("root/cifar10");
    make_subdir("root/cifar10/cifar-10-batches-bin");
    const uint8_t labels[2] = {4, 8};
    uint8_t *rec = cifar_records(2, 0, labels);
    char name[128];
    for (int i = 1; i <= 5; i++) {
        snprintf(name, sizeof name, "root/cifar10/cifar-10-batches-bin/data_batch_%d.bin", i);
        write_bytes(name, rec, (size_t)(i == 3 ? 1 : 2) * CIFAR_RECORD, 0);
    }
    write_bytes("root/cifar10/cifar-10-batches-bin/test_batch.bin", rec, CIFAR_RECORD, 0);
    free(rec);
    rc = activ_load_named("cifar10", NULL, &tr, &te, err, sizeof err);
    CHECK(rc == 0 && tr.n == 9 && te.n == 1 && tr.c == 3 && !strcmp(te.name, "cifar10"), "cifar10: %s", err);
    activ_dataset_free(&tr);
    activ_dataset_free(&te);
    /* as a directory path too */
    rc = activ_load_named(tmp_path("root/cifar10"), NULL, &tr, &te, err, sizeof err);
    CHECK(rc == 0 && tr.n == 9 && tr.classes == 10, "cifar dir: %s", err);
    activ_dataset_free(&tr);
    activ_dataset_free(&te);
    /* what a missing set says */
    rc = activ_load_named("fashion-mnist", tmp_path("nowhere"), &tr, &te, err, sizeof err);
    CHECK(rc == -1 && strstr(err, "nowhere") && strstr(err, "apt-get install dataset-fashion-mnist"), "'%s'", err);
    rc = activ_load_named("fashion-mnist", tmp_path("root"), &tr, &te, err, sizeof err);
    CHECK(rc == -1 && strstr(err, "train-images-idx3-ubyte[.gz] missing") && strstr(err, "apt-get install"), "'%s'",
          err);
    rc = activ_load_named("cifar10", tmp_path("mn"), &tr, &te, err, sizeof err);
    CHECK(rc == -1 && strstr(err, "data_batch_1.bin") && strstr(err, "cifar-10-binary.tar.gz"), "'%s'", err);
    unsetenv("ACTIV_DATA_DIR");
    rc = activ_load_named("mnist", NULL, &tr, &te, err, sizeof err);
    CHECK(rc == -1 && strstr(err, "ACTIV_DATA_DIR") && strstr(err, "train-images-idx3-ubyte.gz"), "'%s'", err);
    rc = activ_load_named("no-such-set", NULL, &tr, &te, err, sizeof err);
    CHECK(rc == -1 && strstr(err, "no-such-set") && strstr(err, "unknown data set"), "'%s'", err);
    rc = activ_load_named(tmp_path("root"), NULL, &tr, &te, err, sizeof err);
    CHECK(rc == -1 && strstr(err, "no data set found"), "'%s'", err);
    /* a bad file inside a named set names that file */
    write_bytes("mn/t10k-labels-idx1-ubyte.gz", three_labels, 3, 1);
    rc = activ_load_named("mnist", tmp_path("mn"), &tr, &te, err, sizeof err);
    CHECK(rc == -1 && strstr(err, "t10k-labels-idx1-ubyte.gz: truncated header") && tr.x == NULL, "'%s'", err);
    return failures;
}

static int test_named(void)
{
    const char *dir = "/usr/share/datasets/fashion-mnist";
    struct stat st;
    if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
        printf("%s not installed (apt-get install dataset-fashion-mnist): skipped\n", dir);
        return SKIP;
    }
    unsetenv("ACTIV_DATA_DIR");
    activ_dataset tr, te;
    char err[1024] = "";
    int rc = activ_load_named(NULL, NULL, &tr, &te, err, sizeof err);
    CHECK(rc == 0, "%s", err);
    if (rc) return failures;
    CHECK(tr.n == 60000 && te.n == 10000, "%zu %zu", tr.n, te.n);
    CHECK(tr.c == 1 && tr.h == 28 && tr.w == 28 && te.h == 28 && tr.classes == 10, "shape");
    CHECK(!strcmp(tr.name, "fashion-mnist") && !strcmp(te.name, "fashion-mnist"), "name %s", tr.name);
    size_t per[10] = {0}, pert[10] = {0};
    for (size_t i = 0; i < tr.n; i++) per[tr.y[i]]++;
    for (size_t i = 0; i < te.n; i++) pert[te.y[i]]++;
    for (int k = 0; k < 10; k++) CHECK(per[k] == 6000 && pert[k] == 1000, "class %d: %zu %zu", k, per[k], pert[k]);
    float lo = 1, hi = 0;
    for (size_t i = 0; i < tr.n * 784; i++) {
        if (tr.x[i] < lo) lo = tr.x[i];
        if (tr.x[i] > hi) hi = tr.x[i];
    }
    CHECK(lo == 0.0f && hi == 1.0f, "pixels span [0, 1]: %g %g", lo, hi);
    /* the values torchvision users normalise Fashion-MNIST with: 0.2860, 0.3530 */
    double mean, std;
    activ_dataset_stats(&tr, &mean, &std);
    CHECK(fabs(mean - 0.2860) < 5e-5 && fabs(std - 0.3530) < 5e-5, "mean %.5f std %.5f", mean, std);
    activ_dataset_free(&tr);
    activ_dataset_free(&te);
    return failures;
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*fn)(void);
    } tests[] = {{"idx", test_idx},     {"idx_gz", test_idx_gz},       {"idx_corrupt", test_idx_corrupt},
                 {"cifar", test_cifar}, {"split", test_split},         {"stats", test_stats},
                 {"augment", test_augment}, {"named_dir", test_named_dir}, {"named", test_named}};
    if (argc != 2) {
        fprintf(stderr, "usage: test_data CASE\n");
        return 2;
    }
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        if (strcmp(argv[1], tests[i].name)) continue;
        make_tmpdir();
        int rc = tests[i].fn();
        if (rc == SKIP) return SKIP;
        if (rc) fprintf(stderr, "%s: %d checks failed\n", argv[1], rc);
        return rc ? 1 : 0;
    }
    fprintf(stderr, "test_data: unknown case %s\n", argv[1]);
    return 2;
}
