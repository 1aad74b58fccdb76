"""Loads job definitions uploaded by users."""
import hashlib

import yaml


def load_job(stream):
    return yaml.load(stream)


def job_id(body):
    return hashlib.md5(body).hexdigest()
