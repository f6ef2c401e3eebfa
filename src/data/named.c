/* Named data sets and directories: where the files are looked for, and what to say when they are not there. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "parse.h"

#define FASHION_DEBIAN_DIR "/usr/share/datasets/fashion-mnist"
#define PATH_LEN 4096

static const char *const idx_files[4] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                         "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
static const char *const cifar_train[5] = {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                                           "data_batch_4.bin", "data_batch_5.bin"};
static const char *const cifar_test = "test_batch.bin";
static const char *const cifar_subdir = "cifar-10-batches-bin";

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int join(char *out, const char *dir, const char *name, const char *suffix)
{
    int n = snprintf(out, PATH_LEN, "%s/%s%s", dir, name, suffix);
    return n > 0 && n < PATH_LEN;
}

/* dir/base or dir/base.gz into out; 0 if either is there. */
static int find_file(const char *dir, const char *base, char *out)
{
    if (join(out, dir, base, "") && is_file(out)) return 0;
    if (join(out, dir, base, ".gz") && is_file(out)) return 0;
    return -1;
}

static int has_idx(const char *dir)
{
    char p[PATH_LEN];
    return find_file(dir, idx_files[0], p) == 0;
}

/* Where CIFAR-10's batches are: dir itself or its cifar-10-batches-bin/ (into out), 0 if found. */
static int cifar_dir(const char *dir, char *out)
{
    char p[PATH_LEN];
    if (find_file(dir, cifar_train[0], p) == 0) return snprintf(out, PATH_LEN, "%s", dir) < PATH_LEN ? 0 : -1;
    if (join(out, dir, cifar_subdir, "") && find_file(out, cifar_train[0], p) == 0) return 0;
    return -1;
}

static int load_idx_dir(const char *dir, int classes, activ_dataset *train, activ_dataset *test, const char *how,
                        char *err, size_t errlen)
{
    char paths[4][PATH_LEN];
    for (int i = 0; i < 4; i++) {
        if (find_file(dir, idx_files[i], paths[i])) {
            data_error(err, errlen, dir, "%s[.gz] missing%s", idx_files[i], how);
            return -1;
        }
    }
    if (data_load_idx(paths[0], paths[1], classes, train, err, errlen)) return -1;
    if (data_load_idx(paths[2], paths[3], classes, test, err, errlen)) {
        activ_dataset_free(train);
        return -1;
    }
    if (train->h != test->h || train->w != test->w) {
        data_error(err, errlen, paths[2], "images of %dx%d, but %s has %dx%d", test->h, test->w, paths[0], train->h,
                   train->w);
        activ_dataset_free(train);
        activ_dataset_free(test);
        return -1;
    }
    int k = train->classes > test->classes ? train->classes : test->classes;
    train->classes = test->classes = k;
    return 0;
}

static int load_cifar_dir(const char *dir, activ_dataset *train, activ_dataset *test, const char *how, char *err,
                          size_t errlen)
{
    char base[PATH_LEN], paths[6][PATH_LEN];
    if (cifar_dir(dir, base)) {
        data_error(err, errlen, dir, "%s[.gz] missing (also in %s/)%s", cifar_train[0], cifar_subdir, how);
        return -1;
    }
    const char *list[5];
    for (int i = 0; i < 6; i++) {
        const char *f = i < 5 ? cifar_train[i] : cifar_test;
        if (find_file(base, f, paths[i])) {
            data_error(err, errlen, base, "%s[.gz] missing%s", f, how);
            return -1;
        }
        if (i < 5) list[i] = paths[i];
    }
    if (activ_load_cifar10(list, 5, train, err, errlen)) return -1;
    const char *t = paths[5];
    if (activ_load_cifar10(&t, 1, test, err, errlen)) {
        activ_dataset_free(train);
        return -1;
    }
    return 0;
}

/* $ACTIV_DATA_DIR/sub into out, 0 if the variable is set. */
static int env_dir(const char *sub, char *out)
{
    const char *env = getenv("ACTIV_DATA_DIR");
    if (!env || !*env) return -1;
    return join(out, env, sub, "") ? 0 : -1;
}

static void set_name(activ_dataset *train, activ_dataset *test, const char *name)
{
    snprintf(train->name, sizeof train->name, "%s", name);
    snprintf(test->name, sizeof test->name, "%s", name);
}

static const char *basename_of(const char *path, char *buf, size_t len)
{
    snprintf(buf, len, "%s", path);
    size_t n = strlen(buf);
    while (n > 1 && buf[n - 1] == '/') buf[--n] = 0;
    const char *slash = strrchr(buf, '/');
    return slash && slash[1] ? slash + 1 : buf;
}

static int load_fashion(const char *dir, activ_dataset *train, activ_dataset *test, char *err, size_t errlen)
{
    char d[PATH_LEN];
    if (!dir) dir = env_dir("fashion-mnist", d) == 0 && is_dir(d) ? d : FASHION_DEBIAN_DIR;
    const char *how = "; Fashion-MNIST is packaged: install it with: apt-get install dataset-fashion-mnist";
    if (!is_dir(dir)) {
        data_error(err, errlen, dir, "no such directory%s", how);
        return -1;
    }
    if (load_idx_dir(dir, 10, train, test, how, err, errlen)) return -1;
    set_name(train, test, "fashion-mnist");
    return 0;
}

static int load_mnist(const char *dir, activ_dataset *train, activ_dataset *test, char *err, size_t errlen)
{
    char d[PATH_LEN];
    const char *how = "; MNIST has no Debian package: put train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
                      "t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz in $ACTIV_DATA_DIR/mnist or in the "
                      "directory given";
    if (!dir) {
        if (env_dir("mnist", d)) {
            data_error(err, errlen, "mnist", "no directory given and ACTIV_DATA_DIR not set%s", how);
            return -1;
        }
        dir = d;
    }
    if (!is_dir(dir)) {
        data_error(err, errlen, dir, "no such directory%s", how);
        return -1;
    }
    if (load_idx_dir(dir, 10, train, test, how, err, errlen)) return -1;
    set_name(train, test, "mnist");
    return 0;
}

static int load_cifar(const char *dir, activ_dataset *train, activ_dataset *test, char *err, size_t errlen)
{
    char d[PATH_LEN];
    const char *how = "; CIFAR-10 has no Debian package: unpack its binary version (cifar-10-binary.tar.gz: "
                      "data_batch_1..5.bin, test_batch.bin) into $ACTIV_DATA_DIR/cifar10 or the directory given";
    if (!dir) {
        if (env_dir("cifar10", d)) {
            data_error(err, errlen, "cifar10", "no directory given and ACTIV_DATA_DIR not set%s", how);
            return -1;
        }
        dir = d;
    }
    if (!is_dir(dir)) {
        data_error(err, errlen, dir, "no such directory%s", how);
        return -1;
    }
    if (load_cifar_dir(dir, train, test, how, err, errlen)) return -1;
    set_name(train, test, "cifar10");
    return 0;
}

static int load_dir(const char *dir, activ_dataset *train, activ_dataset *test, char *err, size_t errlen)
{
    char probe[PATH_LEN], buf[PATH_LEN];
    int rc;
    if (has_idx(dir)) rc = load_idx_dir(dir, 0, train, test, "", err, errlen);
    else if (cifar_dir(dir, probe) == 0) rc = load_cifar_dir(dir, train, test, "", err, errlen);
    else {
        data_error(err, errlen, dir,
                   "no data set found: expected IDX files ({train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]) or "
                   "CIFAR-10 batches (data_batch_1..5.bin and test_batch.bin, here or in %s/)",
                   cifar_subdir);
        return -1;
    }
    if (rc) return -1;
    set_name(train, test, basename_of(dir, buf, sizeof buf));
    return 0;
}

int activ_load_named(const char *name, const char *dir, activ_dataset *train, activ_dataset *test, char *err,
                     size_t errlen)
{
    memset(train, 0, sizeof *train);
    memset(test, 0, sizeof *test);
    if (!name) name = "fashion-mnist";
    if (!strcasecmp(name, "fashion-mnist") || !strcasecmp(name, "fashion_mnist"))
        return load_fashion(dir, train, test, err, errlen);
    if (!strcasecmp(name, "mnist")) return load_mnist(dir, train, test, err, errlen);
    if (!strcasecmp(name, "cifar10") || !strcasecmp(name, "cifar-10"))
        return load_cifar(dir, train, test, err, errlen);
    if (is_dir(name)) return load_dir(name, train, test, err, errlen);
    data_error(err, errlen, name, "unknown data set: not fashion-mnist, mnist or cifar10, and no such directory");
    return -1;
}
