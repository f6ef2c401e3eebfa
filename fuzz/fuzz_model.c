/*
 * The model description parser: any text either builds a network whose
 * output has one value per class, or fails with a message; a built network
 * runs forward on a small batch.
 */
#include <string.h>

#include "activ/train.h"
#include "fuzz_target.h"
#include "net/net.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 2048) return 0;
    char text[2049];
    memcpy(text, data, size);
    text[size] = 0;
    /* "@FILE" reads a file, and long numbers ask for networks too big to build quickly: not the parser's risk */
    if (text[0] == '@') return 0;
    for (size_t i = 0, run = 0; i < size; i++)
        if ((run = text[i] >= '0' && text[i] <= '9' ? run + 1 : 0) > 3) return 0;
    char err[256];
    err[0] = 0;
    activ_net *net = activ_net_build(text, "relu", 2, 6, 6, 3, "he", 1, err, sizeof err);
    if (!net) {
        FUZZ_ASSERT(err[0] != 0 && memchr(err, 0, sizeof err) != NULL);
        return 0;
    }
    FUZZ_ASSERT(net->nlayers > 0 && net->layers[net->nlayers - 1].out_dim == 3);
    if (activ_net_param_count(net) < (1u << 20) && net_reserve(net, 2) == 0) {
        float x[2 * 72];
        for (int i = 0; i < 2 * 72; i++) x[i] = (float)(i % 7) - 3.0f;
        const float *z = net_forward(net, x, 2, 1);
        volatile float sink = z[0] + z[5];
        (void)sink;
    }
    activ_net_free(net);
    return 0;
}
