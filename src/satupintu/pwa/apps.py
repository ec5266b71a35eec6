from django.apps import AppConfig


class PwaConfig(AppConfig):
    name = "satupintu.pwa"
    label = "pwa"
    verbose_name = "Aplikasi terpasang (PWA)"
