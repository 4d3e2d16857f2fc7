from eventledger.cli import app

app(prog_name="eventledger")
