/* The file loaders: read each file whole (gunzipping), then parse it in memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

void activ_dataset_free(activ_dataset *d)
{
    if (!d) return;
    free(d->x);
    free(d->y);
    memset(d, 0, sizeof *d);
}

/* classes: 0 for max label + 1. */
int data_load_idx(const char *images_path, const char *labels_path, int classes, activ_dataset *out, char *err,
                  size_t errlen)
{
    memset(out, 0, sizeof *out);
    uint8_t *buf;
    size_t len;
    if (data_read_file(images_path, &buf, &len, err, errlen)) return -1;
    int rc = idx_parse_images(buf, len, images_path, out, err, errlen);
    free(buf);
    if (rc) return -1;
    if (data_read_file(labels_path, &buf, &len, err, errlen)) {
        activ_dataset_free(out);
        return -1;
    }
    uint8_t *labels;
    size_t nlabels;
    rc = idx_parse_labels(buf, len, labels_path, &labels, &nlabels, err, errlen);
    free(buf);
    if (rc) {
        activ_dataset_free(out);
        return -1;
    }
    return idx_pair(out, labels, nlabels, classes, images_path, labels_path, err, errlen);
}

int activ_load_idx(const char *images_path, const char *labels_path, activ_dataset *out, char *err, size_t errlen)
{
    return data_load_idx(images_path, labels_path, 0, out, err, errlen);
}

int activ_load_cifar10(const char *const *paths, size_t npaths, activ_dataset *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (!npaths) {
        data_error(err, errlen, "cifar10", "no batch files given");
        return -1;
    }
    for (size_t i = 0; i < npaths; i++) {
        uint8_t *buf;
        size_t len;
        if (data_read_file(paths[i], &buf, &len, err, errlen)) goto fail;
        int rc = cifar_append(out, buf, len, paths[i], err, errlen);
        free(buf);
        if (rc) goto fail;
    }
    snprintf(out->name, sizeof out->name, "cifar10");
    return 0;
fail:
    activ_dataset_free(out);
    return -1;
}
