// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// librdkafka starts its threads with C11 thrd_create, which g++ 12's ThreadSanitizer does not
// intercept: TSan then knows nothing of those threads and crashes inside them. Defining
// thrd_create in the executable makes librdkafka's calls resolve here, and pthread_create *is*
// intercepted. Built only into TSan test binaries.

#if defined(__SANITIZE_THREAD__)

#include <pthread.h>
#include <threads.h>

#include <cerrno>

extern "C" int thrd_create(thrd_t* thr, thrd_start_t func, void* arg)
{
    // glibc's own thrd_create passes the int-returning start routine to the thread the same way.
    const int rc = pthread_create(reinterpret_cast<pthread_t*>(thr), nullptr,
                                  reinterpret_cast<void* (*)(void*)>(func), arg);
    if (rc == 0)
        return thrd_success;
    return rc == ENOMEM || rc == EAGAIN ? thrd_nomem : thrd_error;
}

#endif
