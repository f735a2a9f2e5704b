"""mlroute: a planner that takes a person from where they are to a Machine Learning Engineer job."""

__version__ = "0.1.0"
