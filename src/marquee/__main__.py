from marquee.cli import app

app()
