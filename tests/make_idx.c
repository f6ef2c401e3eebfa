/*
 * Writes a small synthetic data set in Fashion-MNIST's layout and format
 * (DIR/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz, 28x28, 10 classes):
 * class k is a bright horizontal band at rows 2k+4..2k+6 under noise, so a
 * small network learns it in an epoch or two.
 *   make_idx DIR NTRAIN NTEST
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

static uint64_t state = 0x853c49e6748fea9bull;
static uint32_t next(void)
{
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(state >> 33);
}

static void be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16), p[2] = (unsigned char)(v >> 8),
    p[3] = (unsigned char)v;
}

static int write_set(const char *dir, const char *prefix, int n)
{
    char path[1024];
    unsigned char hdr[16];
    snprintf(path, sizeof path, "%s/%s-images-idx3-ubyte.gz", dir, prefix);
    gzFile fi = gzopen(path, "wb");
    snprintf(path, sizeof path, "%s/%s-labels-idx1-ubyte.gz", dir, prefix);
    gzFile fl = gzopen(path, "wb");
    if (!fi || !fl) return -1;
    be32(hdr, 0x803), be32(hdr + 4, (uint32_t)n), be32(hdr + 8, 28), be32(hdr + 12, 28);
    gzwrite(fi, hdr, 16);
    be32(hdr, 0x801), be32(hdr + 4, (uint32_t)n);
    gzwrite(fl, hdr, 8);
    for (int s = 0; s < n; s++) {
        const unsigned char label = (unsigned char)(next() % 10);
        unsigned char img[784];
        for (int i = 0; i < 784; i++) {
            const int row = i / 28, band = row >= 2 * label + 4 && row < 2 * label + 7;
            img[i] = (unsigned char)(next() % 120 + (band ? 120 : 0));
        }
        gzwrite(fi, img, sizeof img);
        gzwrite(fl, &label, 1);
    }
    return gzclose(fi) == Z_OK && gzclose(fl) == Z_OK ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: make_idx DIR NTRAIN NTEST\n");
        return 2;
    }
    if (write_set(argv[1], "train", atoi(argv[2])) || write_set(argv[1], "t10k", atoi(argv[3]))) {
        fprintf(stderr, "make_idx: cannot write into %s\n", argv[1]);
        return 1;
    }
    return 0;
}
