/*
 * Every parameter and running statistic of a network as one float array:
 * the best epoch's weights are kept this way, and checkpoints store it.
 *
 * Checkpoint file: a text header, then the values as little-endian float32,
 * then their CRC-32:
 *     activ-checkpoint 1
 *     act <spec>
 *     values <count>
 *     model <bytes>\n<description>\n
 *     <count * 4 bytes> <crc32, 4 bytes>
 * Loading checks the header, the architecture (the same description and
 * count), the length and the CRC before touching the network.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "net/net.h"
#include "util/atomic_file.h"

size_t net_snapshot_size(const activ_net *net)
{
    size_t n = 0;
    for (int i = 0; i < net->nlayers; i++) {
        for (int k = 0; k < net->layers[i].nparams; k++) n += net->layers[i].params[k].n;
        n += net->layers[i].nstate;
    }
    return n;
}

void net_snapshot(const activ_net *net, float *buf)
{
    for (int i = 0; i < net->nlayers; i++) {
        const net_layer *L = &net->layers[i];
        for (int k = 0; k < L->nparams; k++) buf = (float *)memcpy(buf, L->params[k].v, L->params[k].n * 4) + L->params[k].n;
        if (L->nstate) buf = (float *)memcpy(buf, L->state, L->nstate * 4) + L->nstate;
    }
}

void net_restore(activ_net *net, const float *buf)
{
    for (int i = 0; i < net->nlayers; i++) {
        net_layer *L = &net->layers[i];
        for (int k = 0; k < L->nparams; k++) memcpy(L->params[k].v, buf, L->params[k].n * 4), buf += L->params[k].n;
        if (L->nstate) memcpy(L->state, buf, L->nstate * 4), buf += L->nstate;
    }
}

static void put_le32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}
static uint32_t get_le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* the values as little-endian bytes, whatever the host */
static unsigned char *encode(const float *v, size_t n)
{
    unsigned char *b = malloc(n * 4 + 4);
    for (size_t i = 0; b && i < n; i++) {
        uint32_t u;
        memcpy(&u, &v[i], 4);
        put_le32(b + 4 * i, u);
    }
    return b;
}

int activ_net_save(const activ_net *net, const char *path, char *err, size_t errlen)
{
    const size_t n = net_snapshot_size(net);
    float *v = malloc((n ? n : 1) * sizeof *v);
    unsigned char *bytes = v ? (net_snapshot(net, v), encode(v, n)) : NULL;
    free(v);
    if (!bytes) {
        snprintf(err, errlen, "%s: out of memory for %zu values", path, n);
        return -1;
    }
    put_le32(bytes + 4 * n, (uint32_t)crc32(0L, bytes, (uInt)(4 * n)));
    atomic_file af;
    if (atomic_open(&af, path)) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        free(bytes);
        return -1;
    }
    fprintf(af.f, "activ-checkpoint 1\nact %s\nvalues %zu\nmodel %zu\n%s\n", net->act, n, strlen(net->model),
            net->model);
    fwrite(bytes, 1, 4 * n + 4, af.f);
    free(bytes);
    if (atomic_commit(&af)) {
        snprintf(err, errlen, "%s: could not write: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

int activ_net_load(activ_net *net, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char act[256] = "", line[320];
    size_t count = 0, mlen = 0;
    int ok = fgets(line, sizeof line, f) && !strcmp(line, "activ-checkpoint 1\n") && fgets(line, sizeof line, f) &&
             sscanf(line, "act %255[^\n]", act) == 1 && fgets(line, sizeof line, f) &&
             sscanf(line, "values %zu", &count) == 1 && fgets(line, sizeof line, f) &&
             sscanf(line, "model %zu", &mlen) == 1 && mlen < (1u << 20);
    char *model = ok ? malloc(mlen + 2) : NULL;
    ok = ok && model && fread(model, 1, mlen + 1, f) == mlen + 1 && model[mlen] == '\n';
    if (!ok) {
        fclose(f), free(model);
        snprintf(err, errlen, "%s: not an activ checkpoint (bad header)", path);
        return -1;
    }
    model[mlen] = 0;
    const size_t n = net_snapshot_size(net);
    if (strcmp(act, net->act)) {
        snprintf(err, errlen, "%s: trained with activation %s, this network uses %s", path, act, net->act);
        fclose(f), free(model);
        return -1;
    }
    if (strcmp(model, net->model) || count != n) {
        snprintf(err, errlen, "%s: saved from another architecture (%zu values, model '%.60s'), this network has "
                 "%zu values", path, count, model, n);
        fclose(f), free(model);
        return -1;
    }
    free(model);
    unsigned char *bytes = malloc(4 * n + 5);
    size_t got = bytes ? fread(bytes, 1, 4 * n + 5, f) : 0;
    fclose(f);
    if (!bytes || got != 4 * n + 4 || get_le32(bytes + 4 * n) != (uint32_t)crc32(0L, bytes, (uInt)(4 * n))) {
        free(bytes);
        snprintf(err, errlen, "%s: %s", path, got < 4 * n + 4 ? "truncated" : got > 4 * n + 4 ? "trailing bytes"
                                                                                               : "checksum mismatch (corrupt)");
        return -1;
    }
    float *v = malloc((n ? n : 1) * sizeof *v);
    if (!v) {
        free(bytes);
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t u = get_le32(bytes + 4 * i);
        memcpy(&v[i], &u, 4);
    }
    free(bytes);
    net_restore(net, v);
    free(v);
    return 0;
}
