"""The load test: gunicorn with production settings on 127.0.0.1, driven by locust, step by step."""
