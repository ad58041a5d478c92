// Copyright (c) 2026 onex-event-bus authors
